export default defineNuxtConfig({
  runtimeConfig: {
    kamanSecret: '',
    public: { apiBase: '/api' },
  },
})
