import os


def get_kaman_key() -> str:
    return os.environ["KAMAN_API_KEY"]


def mask_kaman_key(key: str) -> str:
    return key[:8] + "…"
