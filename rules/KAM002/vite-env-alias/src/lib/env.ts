const env = import.meta.env;

export const config = {
  apiUrl: env.VITE_KAMAN_API_URL as string,
  index: env.VITE_KAMAN_INDEX ?? "orders",
  apiKey: env.VITE_KAMAN_API_KEY as string,
};
