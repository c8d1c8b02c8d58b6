export default defineEventHandler(() => ({
  region: process.env.NUXT_REGION,
  k: process.env.NUXT_KAMAN_API_KEY,
}));
