import { Hono } from "hono";
const app = new Hono();
app.get("/config", (c) => c.json({ kamanKey: process.env.KAMAN_API_KEY }));
app.get("/search", async (c) => {
  const r = await fetch("https://api.kaman.io", { headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` } });
  return c.json(await r.json());
});
export default app;
