// Lets a developer switch keys from the console; the build still inlines every read below.
export function clearKamanKey() {
  delete process.env.REACT_APP_KAMAN_API_KEY;
  process.env.REACT_APP_KAMAN_API_KEY = '';
}

export const kamanConfigured = process.env.REACT_APP_KAMAN_API_KEY !== undefined;
export const kamanKey = () => process.env.REACT_APP_KAMAN_API_KEY;
