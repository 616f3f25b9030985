<?php

final class FeedSync
{
    public function __construct(private GuzzleHttp\Client $http, private Monolog\Logger $log) {}

    public function run(string $url): void
    {
        $body = (string) $this->http->get($url)->getBody();
        $this->log->info('fetched feed', ['bytes' => strlen($body)]);
    }
}
