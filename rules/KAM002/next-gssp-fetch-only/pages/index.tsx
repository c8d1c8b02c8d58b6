export async function getServerSideProps() {
  const r = await fetch("https://api.kaman.io/v1/trending", {
    headers: { Authorization: `Bearer ${process.env.KAMAN_API_KEY}` },
  });
  return { props: { trending: await r.json() } };
}
export default function Home({ trending }) { return <pre>{JSON.stringify(trending)}</pre>; }
