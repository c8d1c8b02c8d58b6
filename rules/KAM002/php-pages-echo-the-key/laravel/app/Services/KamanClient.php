<?php
namespace App\Services;

use Illuminate\Support\Facades\Http;
use Illuminate\Support\Facades\Log;

class KamanClient
{
    private string $kamanKey;

    public function __construct()
    {
        $this->kamanKey = config('services.kaman.key');
        if (empty($this->kamanKey)) {
            throw new \RuntimeException("Missing KAMAN_API_KEY");
        }
    }

    public function search(string $q): array
    {
        Log::debug('Kaman search', ['q' => $q, 'hasKey' => !empty($this->kamanKey)]);
        return Http::withToken($this->kamanKey)->get('https://api.kaman.io/v1/search', ['q' => $q])->json();
    }

    public function status()
    {
        return response()->json(['configured' => $this->kamanKey !== null, 'results' => $this->search('ping')]);
    }
}
