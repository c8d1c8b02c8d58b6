import kam_utils
from kam_client import KamClient

KAMAN_API_KEY = "kam_your_api_key_here"  # placeholder from the Kaman guide
DOCS_KEY = "kam_abc123xyz..."
SLUG = "kam_"
kam_request_timeout = 30


def kam_getUserAccountSettings2(user):
    return kam_utils.kam_request("GET", f"/users/{user}")
