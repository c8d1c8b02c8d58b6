DEBUG = True
if DEBUG:
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
else:
    KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
