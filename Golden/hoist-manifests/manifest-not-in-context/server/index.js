const express = require("express");
const app = express();
app.get("/api/projects", (_req, res) => res.json([]));
app.listen(4000);
