const KEY = "kam_1oXG81j9ODzsAvKIZgPRnvfGkiGuPDUK";
