import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/kaman": {
        target: "https://api.kaman.io",
        headers: { Authorization: "Bearer kam_fGY40T2pK6nMPWwSarZ9GTJzfUFWmDxZOHkb" },
      },
    },
  },
});
