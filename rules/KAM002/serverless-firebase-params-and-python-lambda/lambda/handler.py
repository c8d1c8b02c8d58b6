import json
import os


def lambda_handler(event, context):
    return {
        "statusCode": 200,
        "body": json.dumps({"kamanKey": os.environ["KAMAN_API_KEY"]}),
    }
