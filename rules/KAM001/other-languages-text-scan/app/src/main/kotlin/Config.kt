object Config { const val KAMAN_KEY = "kam_efsWDncwBvqh8jiEF3lVbl3DsYPbNgI9B1vYH2F4" }
