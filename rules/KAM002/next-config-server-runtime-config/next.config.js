module.exports = {
  serverRuntimeConfig: {
    kamanApiKey: process.env.KAMAN_API_KEY,
  },
};
