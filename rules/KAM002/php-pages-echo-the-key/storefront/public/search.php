<?php
// Backend proxy: the browser calls this page, only the results go back.
require __DIR__ . '/../src/bootstrap.php';
header('Content-Type: application/json');
echo kaman_search($_GET['q'] ?? '');
