from .base import *
KAMAN_API_KEY = "kam_DAVqQZkYLNiTCviEI6NgQmgknxL1o16v"
