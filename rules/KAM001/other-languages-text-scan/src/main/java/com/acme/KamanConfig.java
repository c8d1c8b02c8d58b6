package com.acme;

public final class KamanConfig {
    private static final String API_KEY = "kam_Qm7h2XXZoi6Pf4yRzlFy5LeU";
    private final String kam_requestTimeout = "30s";
    private static final String DOCS = "kam_<YOUR_KEY>";
}
