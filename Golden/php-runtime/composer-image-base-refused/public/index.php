<?php
require __DIR__."/../vendor/autoload.php";
$app = Slim\Factory\AppFactory::create();
$app->run();
