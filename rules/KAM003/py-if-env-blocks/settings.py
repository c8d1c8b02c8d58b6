import os
if os.environ.get("APP_ENV") == "production":
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
else:
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
