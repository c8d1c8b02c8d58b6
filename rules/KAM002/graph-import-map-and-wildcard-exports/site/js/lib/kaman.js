const KAMAN_KEY = "kam_x74uDmySn9bdmFPUKRurQcIPLzzqtSbt";

export async function search(q) {
  const r = await fetch(`https://api.kaman.io/v1/search?q=${encodeURIComponent(q)}`, {
    headers: { "X-Kaman-Key": KAMAN_KEY },
  });
  return r.json();
}
