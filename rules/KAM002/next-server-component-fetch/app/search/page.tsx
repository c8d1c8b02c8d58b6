export default async function SearchPage({ searchParams }) {
  const res = await fetch(`https://api.kaman.io/v1/search?q=${searchParams.q}`, {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
    cache: "no-store",
  });
  const data = await res.json();
  return <ul>{data.hits.map((h) => <li key={h.id}>{h.title}</li>)}</ul>;
}
