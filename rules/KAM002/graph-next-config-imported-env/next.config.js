const { publicEnv } = require("./config/public-env");
const { serverOnly } = require("./config/server-env");

/** @type {import('next').NextConfig} */
module.exports = {
  env: publicEnv,
  serverRuntimeConfig: serverOnly,
};
