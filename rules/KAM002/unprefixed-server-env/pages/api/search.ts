export default async function handler(req, res) {
  const r = await fetch("https://api.kaman.io/v2/search", { headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` } });
  res.status(r.status).json(await r.json());
}
