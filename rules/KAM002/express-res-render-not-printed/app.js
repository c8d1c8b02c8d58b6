const express = require("express");
const app = express();
app.set("view engine", "ejs");
app.get("/", (req, res) => {
  res.render("home", { hasKaman: Boolean(process.env.KAMAN_API_KEY), title: "Home" });
});
app.listen(3000);
