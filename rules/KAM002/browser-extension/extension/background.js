const KAMAN_KEY = "kam_qK6GjBPhcP42mjTkrnvfLx61krAAy3HA";

chrome.runtime.onMessage.addListener((msg, sender, reply) => {
  fetch(`https://api.kaman.io/v2/search?q=${msg.q}`, { headers: { Authorization: KAMAN_KEY } }).then((r) => r.json()).then(reply);
  return true;
});
