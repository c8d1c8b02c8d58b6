const legacy = require("./legacy-widget.cjs");
export function openChat() {
  legacy.start();
}
