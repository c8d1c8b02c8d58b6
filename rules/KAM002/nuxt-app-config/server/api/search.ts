export default defineEventHandler(async (event) => {
  const config = useRuntimeConfig(event);
  return $fetch("https://api.kaman.io/v1/search", { headers: { Authorization: `Bearer ${config.kamanApiKey}` } });
});
