"use server";

export async function subscribe(email: string) {
  await fetch("https://api.kaman.io/v2/members", {
    method: "POST",
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
    body: JSON.stringify({ email }),
  });
  return { ok: true };
}

export async function leakyConfig() {
  return { key: process.env.KAMAN_API_KEY };
}
