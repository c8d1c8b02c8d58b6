"use server";
import { kamanClient } from "@/lib/kaman-admin";

export async function subscribe(form: FormData) {
  await kamanClient().post("/lists/subscribers", { email: form.get("email") });
}
