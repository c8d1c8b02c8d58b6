KEYS = {"dev": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v", "prod": "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"}
