var kamanKey = "kam_NIM1GsfSXp6lrUXfN1lvwQ4DVH1nTsbS";
