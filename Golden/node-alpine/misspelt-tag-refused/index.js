const app = require('express')();
app.get('/', (q, s) => s.send('hi'));
app.listen(3000);
