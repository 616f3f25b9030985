const express = require('express');

const app = express();

// Local time of the server: Asia/Tokyo through TZ and /etc/localtime.
app.get('/', (req, res) => {
  res.send(new Date().toString());
});

app.listen(8080);
