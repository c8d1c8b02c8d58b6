import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
export async function loader({ request }) {
  const q = new URL(request.url).searchParams.get("q");
  const r = await fetch(`https://api.kaman.io/v1/search?q=${q}`, {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
  });
  return json(await r.json());
}
export default function Search() { const data = useLoaderData(); return <pre>{JSON.stringify(data)}</pre>; }
