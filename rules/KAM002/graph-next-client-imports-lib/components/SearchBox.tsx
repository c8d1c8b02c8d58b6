"use client";
import { useState } from "react";
import { searchProducts } from "../lib/kaman";

export default function SearchBox({ initial }: { initial: number }) {
  const [q, setQ] = useState("");
  return <input value={q} onChange={(e) => { setQ(e.target.value); searchProducts(e.target.value); }} placeholder={`${initial} products`} />;
}
