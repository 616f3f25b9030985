const express = require("express");

const app = express();
app.get("/", (_req, res) => res.send("votes"));
app.listen(process.env.PORT || 4000);
