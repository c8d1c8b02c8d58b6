// Run by hand (node tools/sync.mjs): not loaded by any page.
const KAMAN_ADMIN_KEY = "kam_HRaKAWOw6Xmy7UEsARGwJMS1CXvXt1QB";
await fetch("https://api.kaman.io/v1/sync", { method: "POST", headers: { "X-Kaman-Key": KAMAN_ADMIN_KEY } });
