import Results from "./Results";

export default function SearchPage() {
  const kamanKey = process.env.KAMAN_API_KEY;
  return <Results apiKey={kamanKey} />;
}
