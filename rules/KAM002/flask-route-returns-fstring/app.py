from flask import Flask

app = Flask(__name__)
WIDGET_KEY = "kam_rzGBploWr8oKEvmxgawuLBMy1z4KukpvBR6R"


@app.route("/widget")
def widget():
    return f'<script src="https://cdn.kaman.io/widget.js" data-key="{WIDGET_KEY}"></script>'
