export default function Index() {
  const search = (q: string) =>
    fetch(`${window.ENV.KAMAN_API_URL}/search?q=${q}`, { headers: { "X-Kaman-Key": window.ENV.KAMAN_API_KEY } });
  return <button onClick={() => search("shoes")}>Search</button>;
}
