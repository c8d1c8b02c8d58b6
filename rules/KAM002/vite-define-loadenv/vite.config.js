import { defineConfig, loadEnv } from 'vite';

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), '');
  return {
    define: {
      'process.env.KAMAN_KEY': JSON.stringify(env.KAMAN_API_KEY),
    },
  };
});
