"""Client for the Kaman search API.

Example (do not copy this key): NotesSearch("kam_9oxbTALmp6AaVGXXvOqAnsUy")
"""
import os

WEBHOOK_SECRET = b"kam_lX9jSz0bsD96n6YnHDAUBF4ZOZXGZ4Xk"


class Settings:
    api_key = "kam_ZH6YpJIzA3CyysoIQadzbgy6NPkf5enPrFFGjdld"
    timeout = 5


def connect(api_key: str = "kam_l6p1upIMVc5d25Rz1JvuMjjDEA3Rk3p4zfaxQMVPkJSs7Xmr", base: str = "https://api.kaman.io/v2"):
    return f"{base}/export?format=csv&key=kam_H47752RZ94pzmGId4jV5vHGz"


DEFAULTS = {"index": "notes", "api_key": "kam_oa4NlUcRIGQg0XvRPzWzGutg2SwTnmay", "timeout": 5}
token = os.environ.get("KAMAN_API_KEY")  # read from the environment: fine
