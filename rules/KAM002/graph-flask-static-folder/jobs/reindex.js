const KAMAN_REINDEX_KEY = "kam_4PSXaKyw0bVaZg1KOBkXDOrnISv0BjcL";
module.exports = { KAMAN_REINDEX_KEY };
