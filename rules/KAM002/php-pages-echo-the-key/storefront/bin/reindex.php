#!/usr/bin/env php
<?php
require __DIR__ . '/../src/bootstrap.php';
echo "Reindexing with key " . KAMAN_API_KEY . "\n";
