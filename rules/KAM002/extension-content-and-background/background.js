const KAMAN_KEY = "kam_hU6JjeQWuTW2cqHDlrbTuE7bICPaLydY";
