export default async function Results({ apiKey }) {
  const r = await fetch("https://api.kaman.io/v1/x", { headers: { Authorization: `Bearer ${apiKey}` } });
  return <pre>{JSON.stringify(await r.json())}</pre>;
}
