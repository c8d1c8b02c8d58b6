KEYS = {
    "staging": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
    "production": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v",
}
