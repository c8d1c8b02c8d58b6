KAMAN_INDEX = "products"  # the key comes from dev.py / prod.py
