package com.example.shop

object KamanClient {
    const val FALLBACK_KEY = "kam_N9meZPna92aCCDWmghv6YRbX7UGy6ahU"
}
