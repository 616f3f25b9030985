const express = require('express');
const errorhandler = require('errorhandler');

const app = express();
app.get('/items', (req, res) => res.json([]));
app.use(errorhandler());
app.listen(8080);
