export default {
  env: {
    kamanWidgetKey: process.env.KAMAN_WIDGET_KEY,
  },
  publicRuntimeConfig: {
    kamanApiKey: process.env.KAMAN_API_KEY,
  },
  privateRuntimeConfig: {
    kamanAdminKey: process.env.KAMAN_ADMIN_KEY,
  },
};
