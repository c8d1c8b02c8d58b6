CONFIG = {
    "dev": {
        "api_key": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
        "index": "dev-products",
    },
    "prod": {
        "api_key": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
        "index": "products",
    },
}
