import { KAMAN_API_KEY } from "$env/static/private";
export async function load({ fetch }) {
  const r = await fetch("https://api.kaman.io/v1/x", { headers: { Authorization: `Bearer ${KAMAN_API_KEY}` } });
  return { items: await r.json() };
}
