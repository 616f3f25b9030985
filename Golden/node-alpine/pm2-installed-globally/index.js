const express = require('express');
express().get('/health', (req, res) => res.send('ok')).listen(3000);
