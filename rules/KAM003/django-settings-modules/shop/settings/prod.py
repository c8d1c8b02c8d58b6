import os

from .base import *  # noqa

DEBUG = False
KAMAN_API_KEY = os.environ.get("KAMAN_API_KEY", "kam_wq0bp9IHI2Wt5LKA2M8n2tQvAMdeCXy5")
