environment    = "prod"
instance_count = 3
kaman_api_key  = "kam_vybEx6Vz8g2uS0qofV0IF4yeNqavwwU5"
