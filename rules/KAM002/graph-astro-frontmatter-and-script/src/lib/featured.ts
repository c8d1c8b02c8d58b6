// Frontmatter runs at build/request time on the server.
const KAMAN_CMS_KEY = "kam_KEV7sKFGDh2AIJ5RtfTbXXJTSME71oxh";
export async function renderFeatured() {
  const r = await fetch("https://api.kaman.io/v2/featured", { headers: { Authorization: `Bearer ${KAMAN_CMS_KEY}` } });
  return r.json();
}
