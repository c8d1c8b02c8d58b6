import httpx
from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()

KAMAN_HEADERS = {"Authorization": "Bearer kam_oxDiwpgzpusQm6paesJTCLBiWc3ePDjx8S5a"}
PAGE = """<div id="results"></div>
<script src="/static/search.js"></script>
"""


@router.get("/search", response_class=HTMLResponse)
def search_page():
    return PAGE


@router.get("/api/search")
async def search(q: str):
    async with httpx.AsyncClient() as client:
        r = await client.get("https://api.kaman.io/v1/search", params={"q": q}, headers=KAMAN_HEADERS)
    hits = r.json()["hits"]
    return {"hits": hits}
