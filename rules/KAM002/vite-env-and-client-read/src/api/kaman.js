export async function usage() {
  const r = await fetch("https://api.kaman.io/v2/usage", {
    headers: { Authorization: `Bearer ${import.meta.env.VITE_KAMAN_API_KEY}` },
  });
  return r.json();
}
