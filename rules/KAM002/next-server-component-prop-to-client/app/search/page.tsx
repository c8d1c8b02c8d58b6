import SearchBox from "@/components/SearchBox";

export default function SearchPage() {
  const kamanKey = process.env.KAMAN_API_KEY;
  return <SearchBox apiKey={kamanKey} />;
}
