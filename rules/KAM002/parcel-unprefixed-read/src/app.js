const client = new KamanClient({ apiKey: process.env.KAMAN_API_KEY });
document.querySelector("#go").addEventListener("click", () => client.search("x"));
