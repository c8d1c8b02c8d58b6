import axios from "axios";

const BASE = process.env.KAMAN_BASE_URL ?? "https://api.kaman.io/v2";
const apiKey = process.env.KAMAN_API_KEY;

export async function search(q: string) {
  const res = await fetch(`${BASE}/search?q=${encodeURIComponent(q)}&key=${process.env.KAMAN_API_KEY}`);
  return res.json();
}

export function searchUrl(q: string) {
  return BASE + "/search?q=" + q + "&key=" + apiKey;
}

export function exportUrl() {
  const url = new URL(`${BASE}/export`);
  url.searchParams.set("key", apiKey!);
  return url.toString();
}

export function suggest(q: string) {
  return axios.get(`${BASE}/suggest`, {
    params: { q, api_key: process.env.KAMAN_API_KEY },
  });
}
