import { onRequest, onCall } from "firebase-functions/v2/https";
import { defineSecret } from "firebase-functions/params";

const kamanKey = defineSecret("KAMAN_API_KEY");

// The app asked for the key "to call Kaman directly": this hands it to every signed-in user.
export const getConfig = onCall({ secrets: [kamanKey] }, (request) => {
  return { kamanKey: kamanKey.value(), region: "eu" };
});

// The backend proxy: the key stays here.
export const search = onRequest({ secrets: [kamanKey] }, async (req, res) => {
  const r = await fetch("https://api.kaman.io/v1/search", { headers: { Authorization: `Bearer ${kamanKey.value()}` } });
  res.json(await r.json());
});
