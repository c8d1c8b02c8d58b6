import os


class Config:
    KAMAN_INDEX = "notes"


class DevelopmentConfig(Config):
    DEBUG = True
    KAMAN_API_KEY = "kam_YgFaAQU7RLYoPlpvlaSMvavk84898vbx"


class ProductionConfig(Config):
    KAMAN_API_KEY = os.environ.get("KAMAN_API_KEY", "kam_YgFaAQU7RLYoPlpvlaSMvavk84898vbx")
