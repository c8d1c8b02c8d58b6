const express = require("express");
const config = require("../config/loader");

const router = express.Router();

router.get("/bootstrap", (req, res) => {
  res.cookie("kam_widget", config.kaman.apiKey, { httpOnly: true, sameSite: "lax" });
  res.json({ index: config.kaman.index, host: config["kaman"]["host"] });
});

router.get("/search", async (req, res) => {
  const upstream = await fetch(`https://api.kaman.io/v2/search?q=${req.query.q}`, {
    headers: { Authorization: `Bearer ${config.kaman.apiKey}` },
  });
  res.json(await upstream.json());
});

module.exports = router;
