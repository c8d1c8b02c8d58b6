<?php

namespace App\Http\Controllers;

use Illuminate\Http\Request;
use Illuminate\Support\Facades\Http;

class KamanController extends Controller
{
    public function search(Request $request)
    {
        return Http::withHeaders(['X-Kaman-Key' => config('services.kaman.key')])
            ->get('https://api.kaman.io/v1/search', ['q' => $request->query('q')])
            ->json();
    }

    public function clientConfig()
    {
        return response()->json([
            'kamanKey' => config('services.kaman.key'),
        ]);
    }
}
