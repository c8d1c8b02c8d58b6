"use client";

const { NEXT_PUBLIC_KAMAN_SEARCH_KEY } = process.env;
const env = process.env;

export function SearchBox() {
  const key = NEXT_PUBLIC_KAMAN_SEARCH_KEY ?? env.NEXT_PUBLIC_KAMAN_API_KEY;
  return <input placeholder={key ? "Search" : "Search unavailable"} />;
}
