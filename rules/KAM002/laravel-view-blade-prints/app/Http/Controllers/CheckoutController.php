<?php

namespace App\Http\Controllers;

class CheckoutController extends Controller
{
    public function show()
    {
        return view('shop.checkout', [
            'cart' => session('cart', []),
            'kamanKey' => config('services.kaman.key'),
        ]);
    }

    public function map()
    {
        $kamanApiKey = config('services.kaman.key');
        return view('shop.map', compact('kamanApiKey'));
    }

    public function summary()
    {
        return view('shop.summary')->with('hasKaman', filled(config('services.kaman.key')))
            ->with('kamanKey', config('services.kaman.key'));
    }
}
