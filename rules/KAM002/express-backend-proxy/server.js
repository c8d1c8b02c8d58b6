import express from "express";

const app = express();
app.use(express.static("public"));

app.get("/search", async (req, res) => {
  const r = await fetch(`https://api.kaman.io/v2/search?q=${req.query.q}`, {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
  });
  res.status(r.status).json(await r.json());
});

app.listen(3000);
