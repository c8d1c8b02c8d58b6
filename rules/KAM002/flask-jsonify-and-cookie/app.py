import os

from flask import Flask, jsonify, make_response

app = Flask(__name__)
KAMAN_API_KEY = os.environ["KAMAN_API_KEY"]


@app.get("/bootstrap")
def bootstrap():
    resp = make_response(jsonify(user="me"))
    resp.set_cookie("kk", KAMAN_API_KEY)
    return resp


@app.get("/v2")
def v2():
    return jsonify(index="docs", key=KAMAN_API_KEY)
