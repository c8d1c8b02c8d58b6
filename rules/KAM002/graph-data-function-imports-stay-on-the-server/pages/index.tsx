import { searchKaman } from "../lib/kaman-server";
import { trackView } from "../lib/tracking";

export async function getServerSideProps() {
  const results = await searchKaman("featured");
  return { props: { results } };
}

export default function Home({ results }: { results: string[] }) {
  trackView("home");
  return <ul>{results.map((r) => <li key={r}>{r}</li>)}</ul>;
}
