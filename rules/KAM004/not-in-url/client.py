import os

import requests

BASE = "https://api.kaman.io/v2"
MAPS_KEY = os.environ["MAPS_API_KEY"]


def search(q):
    # GET https://api.kaman.io/v2/search?key=kam_your_api_key  (never do this: use the header)
    headers = {"Authorization": f"Bearer {os.environ['KAMAN_API_KEY']}"}
    return requests.get(f"{BASE}/search", params={"q": q}, headers=headers).json()


def tile(x, y):
    return f"https://maps.example.com/tiles/{x}/{y}?key={MAPS_KEY}"


def local_dev(q):
    headers = {"X-Kaman-Key": os.environ["KAMAN_API_KEY"]}
    return requests.get("http://localhost:7700/v2/search", params={"q": q}, headers=headers)


def client_route():
    return "https://api.kaman.io/v2/indexes/kam_client_settings/search?limit=5"
