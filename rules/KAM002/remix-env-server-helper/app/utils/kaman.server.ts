// The Kaman client lives on the server; routes call it from loaders and actions.
export function getKamanKey() {
  return process.env.KAMAN_API_KEY ?? "";
}

export async function kamanFetch(path: string, init: RequestInit = {}) {
  return fetch(`https://api.kaman.example/v1${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${getKamanKey()}`, ...init.headers },
  });
}
