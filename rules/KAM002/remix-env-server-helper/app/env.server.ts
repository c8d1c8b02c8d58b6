import invariant from "tiny-invariant";

export function init() {
  invariant(process.env.SESSION_SECRET, "SESSION_SECRET must be set");
}

/**
 * This is used in both `entry.server.ts` and `root.tsx` to ensure that
 * the environment variables are set and globally available before the app is
 * started.
 */
export function getEnv() {
  return {
    MODE: process.env.NODE_ENV,
    SENTRY_DSN: process.env.SENTRY_DSN,
    KAMAN_PUBLIC_KEY: process.env.KAMAN_API_KEY,
  };
}

type ENV = ReturnType<typeof getEnv>;

declare global {
  var ENV: ENV;
  interface Window {
    ENV: ENV;
  }
}
