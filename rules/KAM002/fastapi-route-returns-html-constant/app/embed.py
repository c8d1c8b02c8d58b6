from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter()

EMBED = """<div id="kaman-embed"></div>
<script src="https://cdn.kaman.io/embed/v3/embed.js" data-key="kam_zYCmkwa1Ed7gs1ZqYnai2G44c6XVYlJnE34o"></script>
"""


@router.get("/embed", response_class=HTMLResponse)
def embed():
    return EMBED
