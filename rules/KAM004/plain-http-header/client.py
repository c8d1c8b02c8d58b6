import os

import requests

KAMAN_URL = "http://api.kaman.io/v2"


def search(q):
    headers = {"Authorization": f"Bearer {os.environ['KAMAN_API_KEY']}"}
    return requests.get(f"{KAMAN_URL}/search", params={"q": q}, headers=headers).json()
