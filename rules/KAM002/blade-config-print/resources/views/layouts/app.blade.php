<!DOCTYPE html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
<head>
    <meta name="kaman-key" content="{{ config('services.kaman.key') }}">
    <meta name="kaman-url" content="{{ config('services.kaman.base_url') }}">
    @if (config('services.kaman.key'))
        <script>window.kamanKey = @json(env('KAMAN_API_KEY'));</script>
    @endif
    <script>window.kamanFallback = "{!! env('KAMAN_API_KEY') !!}";</script>
    @vite(['resources/js/app.js'])
</head>
<body>@yield('content')</body>
</html>
