<?php
use App\Http\Controllers\ShipmentController;
use Illuminate\Support\Facades\Route;

Route::get('/shipments/{id}', [ShipmentController::class, 'show']);
