export function getBrowserEnv() {
  return {
    KAMAN_API_URL: process.env.KAMAN_API_URL,
    KAMAN_API_KEY: process.env.KAMAN_API_KEY,
  };
}
