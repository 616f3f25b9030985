<?php
require __DIR__ . '/vendor/autoload.php';

$server = new React\Http\HttpServer(function (Psr\Http\Message\ServerRequestInterface $request) {
    $output = shell_exec('git -C /srv/site pull --ff-only 2>&1');
    return React\Http\Message\Response::plaintext((string) $output);
});
$server->listen(new React\Socket\SocketServer('0.0.0.0:9000'));
