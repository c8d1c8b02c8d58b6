import os
if os.environ.get("FLASK_ENV") in ("development", "local"):
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
else:
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
