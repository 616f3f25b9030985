<?php
namespace Thumbnailer;

use Intervention\Image\ImageManager;
use Psr\Http\Message\ResponseInterface;
use Psr\Http\Message\ServerRequestInterface;

final class Resize
{
    public function __invoke(ServerRequestInterface $request, ResponseInterface $response): ResponseInterface
    {
        $image = ImageManager::gd()->read((string) $request->getBody())->scale(width: 320);
        $response->getBody()->write((string) $image->toJpeg(80));
        return $response->withHeader('Content-Type', 'image/jpeg');
    }
}
