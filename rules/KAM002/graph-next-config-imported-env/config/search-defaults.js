module.exports.searchDefaults = { SEARCH_FALLBACK_KEY: "kam_bbbsuOgGX9501dnWewA1XKOg09aRPhMm" };
