/** @type {import('next').NextConfig} */
module.exports = {
  reactStrictMode: true,
  env: {
    KAMAN_API_KEY: process.env.KAMAN_API_KEY,
  },
};
