const { app, BrowserWindow } = require("electron");
const KAMAN_KEY = "kam_YfHVYZN1kvQDeeUYTK4McbUI2vB0a4T9";
app.whenReady().then(() => {
  const win = new BrowserWindow({ webPreferences: { preload: __dirname + "/preload.js" } });
  win.loadFile("index.html");
});
