import requests
from flask import Flask, render_template

from .keys import get_kaman_key, mask_kaman_key

app = Flask(__name__)


@app.route("/")
def home():
    return render_template("home.html", kaman_api_key=get_kaman_key())


@app.route("/account")
def account():
    usage = requests.get("https://api.kaman.io/v1/usage", headers={"X-Kaman-Key": get_kaman_key()}).json()
    return render_template("account.html", usage=usage, shown_key=mask_kaman_key(get_kaman_key()))
