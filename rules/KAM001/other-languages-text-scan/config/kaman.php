<?php
define('KAMAN_API_KEY', 'kam_VPCQrBYRAy7em6xfWKxIsdnLIyOsvmBryDGhTvuj');
return ['api_key' => $_ENV['KAMAN_API_KEY'] ?? 'kam_REPLACE_ME'];
