import { component$ } from "@builder.io/qwik";
import { routeLoader$ } from "@builder.io/qwik-city";
import { Search } from "../components/search/search";

export const useFeatured = routeLoader$(async (requestEvent) => {
  const key = requestEvent.env.get("KAMAN_SERVER_KEY");
  const r = await fetch("https://api.kaman.io/v1/featured", { headers: { "X-Kaman-Key": key ?? "" } });
  return r.json();
});

export default component$(() => <Search />);
