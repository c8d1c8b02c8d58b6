// Server-side only: imported by the home page (a Server Component) and nothing else.
const KAMAN_ADMIN_KEY = "kam_9Ggad3H3v1N4E1k4WhemcJMw9FYc8Pvw";

export async function getFeatured() {
  const res = await fetch("https://api.kaman.io/v2/featured", { headers: { Authorization: `Bearer ${KAMAN_ADMIN_KEY}` } });
  return (await res.json()).items as string[];
}
