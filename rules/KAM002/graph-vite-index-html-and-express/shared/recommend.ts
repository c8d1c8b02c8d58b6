const KAMAN_KEY = "kam_F0C7f2j1m26uMgXF4zatoWC6MRzFKPeZ";

export function recommend(topic: string) {
  return fetch(`https://api.kaman.io/v2/recommend?topic=${topic}`, { headers: { "X-Kaman-Key": KAMAN_KEY } });
}
