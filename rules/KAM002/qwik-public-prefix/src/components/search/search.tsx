import { component$, useSignal } from "@builder.io/qwik";

export const Search = component$(() => {
  const q = useSignal("");
  return (
    <input bind:value={q} onInput$={() => fetch(`https://api.kaman.io/v1/search?q=${q.value}`, {
      headers: { "X-Kaman-Key": import.meta.env.PUBLIC_KAMAN_KEY },
    })} />
  );
});
