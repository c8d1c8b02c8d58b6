export default defineEventHandler(async (event) => {
  const config = useRuntimeConfig(event)
  return await $fetch('https://api.kaman.io/v1/search', {
    query: getQuery(event),
    headers: { Authorization: `Bearer ${config.kamanSecret}` },
  })
})
