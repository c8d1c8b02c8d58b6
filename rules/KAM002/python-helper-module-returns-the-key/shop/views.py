import requests
from flask import Flask, jsonify, render_template, request

from .kaman import kaman_headers, kaman_settings, storefront_settings

app = Flask(__name__)


@app.route("/")
def index():
    return render_template("index.html", kaman=kaman_settings(), shop=storefront_settings())


@app.route("/api/config")
def client_config():
    return jsonify(kaman_settings())


@app.route("/api/search")
def search():
    r = requests.get("https://api.kaman.io/v1/search", params={"q": request.args["q"]}, headers=kaman_headers())
    return jsonify(r.json())
