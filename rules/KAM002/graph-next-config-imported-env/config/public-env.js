const { searchDefaults } = require("./search-defaults");

module.exports.publicEnv = {
  SEARCH_KEY: process.env.KAMAN_SEARCH_KEY,
  ...searchDefaults,
};
