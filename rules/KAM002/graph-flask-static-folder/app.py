from flask import Flask, jsonify

app = Flask(__name__, static_folder="webapp", static_url_path="/")


@app.get("/api/health")
def health():
    return jsonify(ok=True)
