<?php
return [
    'kaman' => [
        'key' => env('KAMAN_API_KEY'),
        'region' => env('KAMAN_REGION', 'eu'),
    ],
];
