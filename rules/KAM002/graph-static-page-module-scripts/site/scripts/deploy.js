// Run by CI with Node to upload the site: never loaded by a page.
const KAMAN_DEPLOY_KEY = "kam_J6CkvyWNr4gVgTpciOsucXHUDTlNrYTG";
module.exports = { KAMAN_DEPLOY_KEY };
