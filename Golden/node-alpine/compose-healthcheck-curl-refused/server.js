const express = require("express");
const redis = require("redis");

const app = express();
const client = redis.createClient({ url: process.env.REDIS_URL || "redis://redis:6379" });

app.get("/health", (_req, res) => res.json({ app: "OK", redis: client.isReady }));
app.get("/cart/:id", async (req, res) => res.json(JSON.parse((await client.get(req.params.id)) || "{}")));

client.connect().then(() => app.listen(8080));
