import { defineConfig } from "vite";
import { buildDefines } from "./build/defines";

export default defineConfig({
  define: buildDefines(),
});
