import { defineEventHandler, send, setCookie } from "h3";

export default defineEventHandler(async (event) => {
  const { kamanApiKey: key } = useRuntimeConfig(event);
  setCookie(event, "kaman", key, { httpOnly: false });
  return send(event, JSON.stringify({ ok: true, key }), "application/json");
});
