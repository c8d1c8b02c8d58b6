class DevelopmentConfig:
    KAMAN_API_KEY = "kam_YgFaAQU7RLYoPlpvlaSMvavk84898vbx"


class TestingConfig:
    KAMAN_API_KEY = "kam_YgFaAQU7RLYoPlpvlaSMvavk84898vbx"


class ProductionConfig:
    KAMAN_API_KEY = "kam_55PjUWnutpM1yASbHzEUerwLi4gPDCQz"
