import requests

SEARCH_URL = "https://api.kaman.io/v2/search?q=shoes&key=kam_STeaxpxsHJkD3mpS6xCd0LKNevgA4sos"


def search_legacy(q):
    return requests.get(f"https://api.kaman.io/v2/indexes/products/search?q={q}&api_key=kam_phPeqKJ2aXT13w5W9e0aBQ0NEVYs92G9").json()
