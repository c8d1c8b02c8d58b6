import { onCall, onRequest } from "firebase-functions/v2/https";

export const kamanConfig = onCall(() => {
  return { apiKey: process.env.KAMAN_API_KEY };
});

export const search = onRequest(async (req, res) => {
  const r = await fetch("https://api.kaman.io/v2/search", { headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` } });
  res.json(await r.json());
});
