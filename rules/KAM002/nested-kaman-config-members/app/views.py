import requests
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/bootstrap")
def bootstrap():
    return jsonify(key=app.config.kaman.api_key, index=app.config.kaman.index)


@app.get("/search")
def search():
    headers = {"Authorization": f"Bearer {app.config.kaman.api_key}"}
    return jsonify(requests.get("https://api.kaman.io/v2/search", headers=headers, timeout=5).json())
