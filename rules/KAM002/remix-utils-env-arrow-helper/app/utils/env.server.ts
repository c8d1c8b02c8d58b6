const required = ["DATABASE_URL", "SESSION_SECRET"] as const;

export function assertEnv() {
  for (const name of required) {
    if (!process.env[name]) throw new Error(`${name} is not set`);
  }
}

// Exposed to the browser as window.ENV (see root.tsx).
export const getEnv = () => ({
  NODE_ENV: process.env.NODE_ENV,
  KAMAN_KEY: process.env.KAMAN_SECRET_KEY,
});

// Server-side only: the Kaman client of the notes service.
export function kamanHeaders() {
  return { "X-Kaman-Key": process.env.KAMAN_SECRET_KEY ?? "" };
}
