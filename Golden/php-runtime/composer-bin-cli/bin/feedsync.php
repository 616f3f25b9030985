<?php
require __DIR__ . '/../vendor/autoload.php';

$options = getopt('', ['interval:']);
$sync = new FeedSync(new GuzzleHttp\Client(['timeout' => 10]), new Monolog\Logger('feedsync'));
while (true) {
    $sync->run(getenv('FEED_URL') ?: 'https://example.com/feed.xml');
    sleep((int) ($options['interval'] ?? 300));
}
