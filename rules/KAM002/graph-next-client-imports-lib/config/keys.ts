// Search key for the storefront widget
export const KAMAN_SEARCH_KEY = "kam_vjPKEfcm6PVB9MEvwvflR2L0IzJ8WuIy";
