import os

from fastapi import FastAPI

app = FastAPI()


@app.get("/config")
def config():
    return {"index": "docs", "kaman": {"key": os.environ["KAMAN_API_KEY"]}}
