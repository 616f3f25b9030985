<?php
require __DIR__ . '/vendor/autoload.php';

use Slim\Factory\AppFactory;
use Thumbnailer\Resize;

$app = AppFactory::create();
$app->post('/thumb', new Resize());
$app->run();
