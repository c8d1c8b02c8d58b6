"use client";
export default function SearchBox({ apiKey }: { apiKey: string }) {
  return <input data-key={apiKey.length} />;
}
