const express = require("express");
const router = express.Router();

router.get("/config", (req, res) => {
  res.json({
    // apiKey: process.env.KAMAN_API_KEY,
    /* token: process.env.KAMAN_ADMIN_TOKEN */
    region: "eu",
  });
});

router.get("/leak", (req, res) => {
  res.json({ region: "eu", apiKey: process.env.KAMAN_API_KEY });
});

module.exports = router;
