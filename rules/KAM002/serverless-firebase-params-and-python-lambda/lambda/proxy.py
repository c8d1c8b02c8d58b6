import json, os, urllib.request

def handler(event, context):
    req = urllib.request.Request("https://api.kaman.io/v1/q", headers={"X-Kaman-Key": os.environ["KAMAN_API_KEY"]})
    with urllib.request.urlopen(req) as r:
        return {"statusCode": 200, "body": r.read().decode()}
