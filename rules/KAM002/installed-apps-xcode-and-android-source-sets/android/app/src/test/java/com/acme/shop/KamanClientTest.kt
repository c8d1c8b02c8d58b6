package com.acme.shop

import org.junit.Test

class KamanClientTest {
    private val key = "kam_fO95rC5goWwjiGGJAnfc35gwo0Wfvq0U"
    @Test fun buildsHeader() { assert(KamanClient(key).headers()["X-Kaman-Key"] == key) }
}
