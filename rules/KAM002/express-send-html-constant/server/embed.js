const express = require("express");

const router = express.Router();

const EMBED_HTML = `<div id="kaman-embed"></div>
<script src="https://cdn.kaman.io/embed/v3/embed.js" data-key="kam_bDUGDKrf3KpU8bnO27kRd1URBBE0K8VIovqI"></script>`;

router.get("/embed", (req, res) => {
  res.type("html").send(EMBED_HTML);
});

module.exports = router;
