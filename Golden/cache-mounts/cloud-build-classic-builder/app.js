const express = require("express");
const app = express();
app.get("/", (_req, res) => res.send("weather"));
app.listen(process.env.PORT || 8080);
