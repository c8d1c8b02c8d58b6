import { defineConfig, loadEnv } from "vite";
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  return {
    server: { proxy: { "/kaman": { target: "https://api.kaman.io",
      headers: { Authorization: `Bearer ${env.KAMAN_API_KEY}` } } } },
  };
});
