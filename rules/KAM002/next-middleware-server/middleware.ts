import { NextResponse } from "next/server";
export function middleware(req) {
  const h = new Headers(req.headers);
  h.set("x-kaman-key", process.env.KAMAN_API_KEY ?? "");
  return NextResponse.next({ request: { headers: h } });
}
