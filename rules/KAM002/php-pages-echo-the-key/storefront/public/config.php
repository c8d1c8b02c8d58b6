<?php
header('Content-Type: application/json');
echo json_encode([
    'region' => 'eu',
    'kamanKey' => $_ENV['KAMAN_API_KEY'] ?? '',
]);
