// Sibling of the served folder: not served.
const KAMAN_JOB_KEY = "kam_VU0SCyiHDCEUQal3NceDOQ6MlXn8nFv9";
module.exports = { KAMAN_JOB_KEY };
