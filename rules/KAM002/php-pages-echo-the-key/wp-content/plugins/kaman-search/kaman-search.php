<?php
/**
 * Plugin Name: Kaman Search
 * Description: Instant search powered by Kaman.
 * Version: 1.2.0
 */

if (!defined('ABSPATH')) {
    exit;
}

require_once __DIR__ . '/includes/api.php';

add_action('wp_enqueue_scripts', function () {
    wp_enqueue_script('kaman-search', plugins_url('assets/search.js', __FILE__), [], '1.2.0', true);
    wp_localize_script('kaman-search', 'KamanSearch', [
        'ajaxUrl' => admin_url('admin-ajax.php'),
        'apiKey'  => get_option('kaman_api_key'),
    ]);
});

add_action('wp_footer', function () {
    $kaman_settings = get_option('kaman_settings', []);
    wp_add_inline_script('kaman-search', 'window.kamanRegion = ' . wp_json_encode($kaman_settings['region']) . ';');
    wp_add_inline_script('kaman-search', 'window.kamanKey = ' . wp_json_encode($kaman_settings['api_key']) . ';');
});
