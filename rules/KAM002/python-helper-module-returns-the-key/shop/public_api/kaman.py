import os


def storefront_settings():
    # the admin tool's variant, never imported by the views
    return {"key": os.environ["KAMAN_ADMIN_KEY"]}
