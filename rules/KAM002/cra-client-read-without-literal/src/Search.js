import { useState } from "react";

export default function Search() {
  const [q, setQ] = useState("");
  const key = process.env.REACT_APP_KAMAN_KEY;
  return <input value={q} onChange={(e) => setQ(e.target.value)} data-key={key} />;
}
