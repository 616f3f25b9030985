<?php
namespace App\Controller;

use Symfony\Component\HttpFoundation\JsonResponse;
use Symfony\Component\Routing\Attribute\Route;

class HealthController
{
    #[Route('/health')]
    public function __invoke(): JsonResponse
    {
        return new JsonResponse(['status' => 'ok', 'locale' => \Locale::getDefault()]);
    }
}
