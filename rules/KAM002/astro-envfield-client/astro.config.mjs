import { defineConfig, envField } from "astro/config";
export default defineConfig({
  env: {
    schema: {
      KAMAN_API_KEY: envField.string({ context: "client", access: "public" }),
      KAMAN_SECRET_KEY: envField.string({ context: "server", access: "secret" }),
    },
  },
});
