import { search } from "kaman";

export function start(root) {
  root.addEventListener("input", async (e) => {
    root.dataset.results = JSON.stringify(await search(e.target.value));
  });
}
