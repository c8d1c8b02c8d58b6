<?php
return ['kaman' => ['key' => env('KAMAN_API_KEY')]];
