export const search = (q, key) => fetch(`https://api.kaman.io/v1/search?q=${q}`, { headers: { "X-Kaman-Key": key } });
