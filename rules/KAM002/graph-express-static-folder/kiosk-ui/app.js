window.KAMAN_KEY = "kam_Gh7Uh5KwdbNprvRi9lnz4WjItzFO3BPf";
