export default defineEventHandler(async (event) => {
  const config = useRuntimeConfig(event);
  const { q } = getQuery(event);
  const results = await $fetch("https://api.kaman.io/v1/search", {
    query: { q },
    headers: { Authorization: `Bearer ${config.kamanApiKey}` },
  });
  return { results, keyConfigured: !!config.kamanApiKey, sandbox: config.kamanApiKey === "" };
});
