import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";

import { kamanHeaders } from "~/utils/env.server";

export async function loader() {
  const headers = kamanHeaders();
  const res = await fetch("https://api.kaman.example/v1/notes", { headers });
  return json({ notes: await res.json() });
}

export default function Notes() {
  const { notes } = useLoaderData<typeof loader>();
  return <pre>{JSON.stringify(notes)}</pre>;
}
