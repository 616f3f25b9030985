const express = require('express');
const winston = require('winston');

const logger = winston.createLogger({
  transports: [new winston.transports.File({ dirname: 'logs', filename: 'audit.log' })],
});

const app = express();
app.post('/events', (req, res) => { logger.info('event'); res.sendStatus(202); });
app.listen(3000);
