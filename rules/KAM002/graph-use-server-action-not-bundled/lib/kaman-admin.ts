// Called only from the server action: the client gets an RPC stub for `subscribe`, not this code.
const KAMAN_ADMIN_KEY = "kam_JQlI7vtvhmo2VmC1XQQuM8rRfHh9PCTp";

export function kamanClient() {
  return {
    post: (path: string, body: unknown) =>
      fetch(`https://api.kaman.io/v2${path}`, { method: "POST", headers: { Authorization: `Bearer ${KAMAN_ADMIN_KEY}` }, body: JSON.stringify(body) }),
  };
}
