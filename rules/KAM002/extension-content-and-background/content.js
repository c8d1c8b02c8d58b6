const KAMAN_KEY = "kam_HWTENQcEWpurLz3g5r1TikEZ1zMHb3go";
