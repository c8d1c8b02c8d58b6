const KAMAN_TRACK_KEY = "kam_sWPbipxouEkt7Pnn2lagIbomdT1mHQcH";
export function track(event: string) {
  navigator.sendBeacon(`https://api.kaman.io/v2/events?key=${KAMAN_TRACK_KEY}`, event);
}
