export async function GET(request: Request) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  const res = await fetch(`https://api.kaman.io/v2/search?q=${q}`, {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
  });
  return Response.json(await res.json());
}
