import { KAMAN_SEARCH_KEY } from "@/config/keys";

export async function searchProducts(q: string) {
  const res = await fetch(`https://api.kaman.io/v2/search?q=${encodeURIComponent(q)}`, {
    headers: { Authorization: `Bearer ${KAMAN_SEARCH_KEY}` },
  });
  return res.json();
}
