// Debug endpoint left in production: its JSON goes to whoever requests /api/debug.
export default defineEventHandler((event) => {
  const config = useRuntimeConfig(event);
  return { node: process.version, kamanKey: config.kamanApiKey };
});
