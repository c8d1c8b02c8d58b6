<?php
$key = 'kam_jbiL5ZJ7NYG5wUdr4EItfAZcRVevmL1Y';
$ch = curl_init('https://api.kaman.io/v1/search?q=' . urlencode($_GET['q'] ?? ''));
curl_setopt($ch, CURLOPT_HTTPHEADER, ["Authorization: Bearer $key"]);
echo curl_exec($ch);
