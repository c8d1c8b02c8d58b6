<?php
// Server-side settings: the key is used for our own calls to Kaman.
define('KAMAN_API_KEY', 'kam_OWHJzF51gtsxVldjgy1I4PNKxvaYXBFY');

function kaman_search(string $q): string
{
    $ch = curl_init('https://api.kaman.io/v1/search?q=' . urlencode($q));
    curl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ' . KAMAN_API_KEY]);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
    return curl_exec($ch);
}
