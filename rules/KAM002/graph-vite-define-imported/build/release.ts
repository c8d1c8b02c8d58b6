// Used by the release script only, not by the Vite config.
export const KAMAN_RELEASE_KEY = "kam_eceiUIcicnkqFmKTVSQYkSc2557asAIr";
