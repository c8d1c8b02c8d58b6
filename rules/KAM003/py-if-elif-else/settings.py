import os
APP_ENV = os.getenv("APP_ENV", "development")
if APP_ENV == "production":
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
elif APP_ENV == "staging":
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
else:
    KAMAN_API_KEY = "kam_1r9SauwhTXWbZ172DHZmx6RDoCGBehH3"
