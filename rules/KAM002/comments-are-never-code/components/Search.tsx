"use client";
// The key used to live here: kam_fD77ZGwBUa4J1mTaSlMhdwfxdtygzrei
/**
 * Reads NEXT_PUBLIC_KAMAN_API_KEY? No: process.env.NEXT_PUBLIC_KAMAN_API_KEY was removed.
 */
export function Search() {
  const key = process.env.NEXT_PUBLIC_KAMAN_SEARCH_KEY;
  return <input data-k={key?.length} />;
}
