KAMAN_KEYS = {
    "development": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
    "production": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
}
