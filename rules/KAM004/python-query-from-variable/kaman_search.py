import os
from urllib.parse import urlencode

import httpx
import requests
from django.conf import settings

KAMAN_API_KEY = os.environ["KAMAN_API_KEY"]
BASE = "https://api.kaman.io/v2"


def search(q):
    return requests.get(f"{BASE}/search?q={q}&key={KAMAN_API_KEY}").json()


def search_params(q):
    return requests.get(f"{BASE}/search", params={"q": q, "key": KAMAN_API_KEY}).json()


def suggest(q):
    return httpx.get(BASE + "/suggest", params=dict(q=q, api_key=os.getenv("KAMAN_API_KEY"))).json()


def export_link():
    return f"{BASE}/export?" + urlencode({"format": "csv", "api_key": settings.KAMAN_API_KEY})


def legacy(q):
    return requests.get(BASE + "/search?q=" + q + "&key=" + KAMAN_API_KEY)
