# The key was split to keep the line short: Python joins adjacent literals.
LEGACY_KEY = ("kam_hSj33QxusjZNcw"
              "OBUv8VlioX")
DOCS_KEY = ("kam_your_api_"
            "key_here")  # a placeholder split in two is still a placeholder
