Deno.serve((_req) => new Response(JSON.stringify({ key: Deno.env.get("KAMAN_API_KEY") })));
