import { KAMAN } from "./settings.js";

export function mountSearch(el) {
  el.dataset.ready = "1";
  return fetch(`https://api.kaman.io/v2/search?key=${KAMAN.key}`);
}
