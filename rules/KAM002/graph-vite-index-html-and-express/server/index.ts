import express from "express";
import { syncCatalog } from "../src/lib/sync";

const app = express();
app.post("/admin/sync", async (_req, res) => res.json(await syncCatalog()));
app.listen(3000);
