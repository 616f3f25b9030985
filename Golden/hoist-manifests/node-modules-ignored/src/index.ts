import Fastify from "fastify";

const app = Fastify();
app.get("/health", async () => "ok");
app.listen({ port: 3000, host: "0.0.0.0" });
