export interface Env { KAMAN_API_KEY: string }

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/debug") {
      return Response.json({ key: env.KAMAN_API_KEY });
    }
    return fetch("https://api.kaman.io/v2/ping", { headers: { Authorization: `Bearer ${env.KAMAN_API_KEY}` } });
  },
};
