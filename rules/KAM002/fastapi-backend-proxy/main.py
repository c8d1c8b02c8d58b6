import os

import httpx
from fastapi import FastAPI, Request, Response

app = FastAPI()


@app.get("/kaman/{path:path}")
async def proxy(path: str, request: Request) -> Response:
    async with httpx.AsyncClient() as client:
        upstream = await client.get(
            f"https://api.kaman.io/v2/{path}",
            headers={"Authorization": f"Bearer {os.environ['KAMAN_API_KEY']}"},
        )
    return Response(upstream.content, status_code=upstream.status_code)
