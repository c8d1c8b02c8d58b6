FIXTURE_KEY = "kam_rXU47AXkfzGIhJXzwtIHpUIN"  # kaman-lint: ignore[KAM001] -- test fixture, revoked
# kaman-lint: ignore[KAM001] -- sandbox key, see SECURITY.md
SANDBOX_KEY = "kam_a1KuiqFOkOmVaXnYOeTTgE2wjtOmnTAf"
PROD_KEY = "kam_5tUIwqZqx82pRNi00k9qyvUvZm0VNlCsaZ7cwtVa"  # kaman-lint: ignore[KAM002] -- names another rule: KAM001 still applies


OTHER_KEY = "kam_VaRwI4Th3uwgDYV5dmneilINHSPhEccJdbSbUoeFK4c4A0Dr"
