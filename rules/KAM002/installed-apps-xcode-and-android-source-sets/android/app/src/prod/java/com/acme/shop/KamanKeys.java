package com.acme.shop;

final class KamanKeys {
    static final String API_KEY = "kam_m9z0l4v3CLsEkuO2WEMK2v0W8z2LIbpR";
    private KamanKeys() {}
}
