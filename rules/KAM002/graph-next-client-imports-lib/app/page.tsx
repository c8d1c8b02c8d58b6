import { getFeatured } from "@/lib/catalog";
import SearchBox from "@/components/SearchBox";

export default async function Home() {
  const featured = await getFeatured();
  return <main><SearchBox initial={featured.length} /></main>;
}
