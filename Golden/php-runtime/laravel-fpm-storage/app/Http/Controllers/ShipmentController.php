<?php
namespace App\Http\Controllers;

use Illuminate\Support\Facades\DB;

class ShipmentController
{
    public function show(string $id)
    {
        return response()->json(DB::table('shipments')->find($id));
    }
}
