"use client";

import { useEffect } from "react";

export function Related({ slug }: { slug: string }) {
  useEffect(() => {
    fetch(`https://api.kaman.io/v2/similar/${slug}`, { headers: { "X-Kaman-Key": `kam_7LpKn7NFpysYUGZCv7HNWs9A3jrI2bCZ` } });
  }, [slug]);
  return null;
}
