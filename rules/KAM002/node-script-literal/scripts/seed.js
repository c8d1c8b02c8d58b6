import { readFile } from "node:fs/promises";

const KEY = "kam_1BUXAYlpE7QGUSOPL8HW8rqd4SXhag0J";
const docs = JSON.parse(await readFile("docs.json", "utf8"));
await fetch("https://api.kaman.io/v2/documents", { method: "POST", headers: { Authorization: `Bearer ${KEY}` }, body: JSON.stringify(docs) });
