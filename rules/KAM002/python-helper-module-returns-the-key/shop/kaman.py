"""Kaman settings for the storefront."""
import os


def kaman_settings():
    return {"key": os.environ["KAMAN_API_KEY"], "region": os.environ.get("KAMAN_REGION", "eu")}


def kaman_headers():
    return {"Authorization": f"Bearer {os.environ['KAMAN_API_KEY']}"}


def storefront_settings():
    return {"currency": "EUR", "region": os.environ.get("KAMAN_REGION", "eu")}
