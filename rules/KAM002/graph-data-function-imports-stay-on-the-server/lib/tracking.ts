const KAMAN_TRACKING_KEY = "kam_pLZtixSEv7anAMwGkUKRUz4A9NAFKiY7";
export function trackView(page: string) {
  navigator.sendBeacon(`https://api.kaman.io/v2/views?key=${KAMAN_TRACKING_KEY}`, page);
}
