"use client";
export function Search() {
  const key = process.env.KAMAN_API_KEY; // undefined in the browser
  return <div>{key ? "on" : "off"}</div>;
}
