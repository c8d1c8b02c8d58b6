import requests
from django.conf import settings
from django.shortcuts import render

def search(request):
    r = requests.get("https://api.kaman.io/v1/search", params={"q": request.GET["q"]},
                     headers={"Authorization": f"Bearer {settings.KAMAN_API_KEY}"})
    return render(request, "shop/search.html", {"results": r.json()["hits"]})
