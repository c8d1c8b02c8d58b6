CONFIG = {
    "dev": {"api_key": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"},
    "prod": {"api_key": "kam_1r9SauwhTXWbZ172DHZmx6RDoCGBehH3"},
}
