<?php
if (!defined('ABSPATH')) {
    exit;
}

add_action('wp_ajax_nopriv_kaman_search', 'kaman_search_ajax');

function kaman_search_ajax() {
    $response = wp_remote_get('https://api.kaman.io/v1/search?q=' . urlencode($_GET['q']), [
        'headers' => ['X-Kaman-Key' => get_option('kaman_api_key')],
    ]);
    wp_send_json(json_decode(wp_remote_retrieve_body($response), true));
}

function kaman_settings_field() {
    $value = get_option('kaman_api_key');
    echo '<input type="password" name="kaman_api_key" value="' . esc_attr($value) . '">';
}
