import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form } from "@remix-run/react";

import { getKamanKey, kamanFetch } from "~/utils/kaman.server";

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const configured = Boolean(getKamanKey());
  await kamanFetch("/messages", { method: "POST", body: JSON.stringify({ text: form.get("text") }) });
  return json({ ok: configured });
}

export default function Contact() {
  return <Form method="post"><textarea name="text" /><button>Send</button></Form>;
}
