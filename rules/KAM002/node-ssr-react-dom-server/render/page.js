import { renderToString } from "react-dom/server"
import { App } from "./App.js"

const KAMAN_KEY = "kam_td5zHUNOZAvI2ByjRz9SwIHdFl3fAHbT"

export async function renderPage(q) {
  const r = await fetch("https://api.kaman.io/v1/search?q=" + q, { headers: { Authorization: "Bearer " + KAMAN_KEY } })
  return renderToString(App({ results: await r.json() }))
}
