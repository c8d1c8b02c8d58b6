export default defineNuxtConfig({
  runtimeConfig: {
    kamanApiKey: process.env.KAMAN_API_KEY,
    public: {
      kamanPublicKey: process.env.NUXT_PUBLIC_KAMAN_API_KEY,
      searchBase: "/api",
    },
  },
});
