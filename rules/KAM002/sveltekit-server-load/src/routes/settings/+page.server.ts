import { env } from "$env/dynamic/private";
export const load = async () => {
  return { kamanKey: env.KAMAN_API_KEY };
};
