# Values that share the prefix but are not API keys.
DIGEST = "kam_3f2a9c0d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39"
REQUEST_ID = "kam_123e4567-e89b-12d3-a456-426614174000"
MASKED = "kam_Zq8Rt5Lm..."
STARS = "kam_Zq8R****************"
REPEATED = "kam_aaaaaaaaaaaaaaaaaaaaaaaa"
SEQUENCE = "kam_0123456789abcdefghij"
SHORT = "kam_Ab12Cd"
HANDLER = "kam_HTTPClientFactory"
