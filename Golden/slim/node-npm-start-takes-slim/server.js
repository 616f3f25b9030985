const express = require('express');

const app = express();
const port = process.env.PORT || 3000;

app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/orders', (req, res) => res.json([]));

app.listen(port, () => console.log(`orders-api listening on ${port}`));
