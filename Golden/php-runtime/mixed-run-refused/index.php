<?php
require __DIR__."/vendor/autoload.php";
$fs = new League\Flysystem\Filesystem(new League\Flysystem\Local\LocalFilesystemAdapter(__DIR__."/uploads"));
$fs->write("last.txt", date("c"));
