const KAMAN_KEY = "kam_Gq2Asfq1B7M5O7RGO2XnsHrSA2hInbhE";
export async function searchKaman(q: string) {
  const r = await fetch(`https://api.kaman.io/v2/search?q=${q}`, { headers: { Authorization: `Bearer ${KAMAN_KEY}` } });
  return (await r.json()).items as string[];
}
