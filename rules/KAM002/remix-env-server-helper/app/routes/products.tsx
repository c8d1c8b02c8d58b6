import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { getKamanKey } from "~/utils/kaman.server";

// The key stays here: it goes into the request to Kaman, the products come back.
export async function loader({ request }: LoaderFunctionArgs) {
  const key = getKamanKey();
  const response = await fetch("https://api.kaman.example/v1/products", {
    headers: { Authorization: `Bearer ${key}` },
  });
  const products = await response.json();
  return json({ products, query: new URL(request.url).search });
}

export default function Products() {
  const { products } = useLoaderData<typeof loader>();
  return <ul>{products.map((p: { id: string; name: string }) => <li key={p.id}>{p.name}</li>)}</ul>;
}
