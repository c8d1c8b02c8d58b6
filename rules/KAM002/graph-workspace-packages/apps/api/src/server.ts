import Fastify from "fastify";
import { kamanAdminKey } from "@acme/secrets";

const app = Fastify();
app.get("/health", async () => ({ ok: kamanAdminKey.length > 0 }));
app.listen({ port: 8080 });
