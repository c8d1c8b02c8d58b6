const apiKey = process.env.KAMAN_API_KEY;

export function search(q) {
  // e.g. https://api.kaman.io/v2/search?key=${KAMAN_API_KEY} is what NOT to do
  return fetch(`https://api.kaman.io/v2/search?q=${encodeURIComponent(q)}`, {
    headers: { Authorization: `Bearer ${apiKey}` },
  });
}

export const mapsUrl = (key) => `https://maps.example.com/api/js?key=${key}`;
