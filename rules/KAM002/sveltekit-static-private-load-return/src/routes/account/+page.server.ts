import { KAMAN_API_KEY } from "$env/static/private";

export async function load() {
  return { kamanKey: KAMAN_API_KEY };
}
