import type { CapacitorConfig } from "@capacitor/cli";

const config: CapacitorConfig = {
  appId: "com.example.shop",
  plugins: { KamanSearch: { apiKey: "kam_wI346l2qiZLyWhLcNWPKzbeku2rKS9RA" } },
};
export default config;
