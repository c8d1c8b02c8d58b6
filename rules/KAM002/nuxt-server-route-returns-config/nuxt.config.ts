export default defineNuxtConfig({
  runtimeConfig: {
    kamanApiKey: "", // set by NUXT_KAMAN_API_KEY at run time; server-only
  },
});
