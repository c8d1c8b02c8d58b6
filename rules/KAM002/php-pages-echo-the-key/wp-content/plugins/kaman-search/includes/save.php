<?php
function kaman_save() {
    if (isset($_POST['kaman_api_key'])) {
        update_option('kaman_api_key', sanitize_text_field($_POST['kaman_api_key']));
        echo '<div class="notice"><p>' . esc_html__('Kaman API key saved.', 'kaman') . '</p></div>';
    }
    error_log('Kaman key length: ' . strlen(get_option('kaman_api_key')));
    echo json_encode(['ok' => !empty(get_option('kaman_api_key'))]);
    $response = wp_remote_post('https://api.kaman.io/v1/verify', ['headers' => ['X-Kaman-Key' => get_option('kaman_api_key')]]);
    echo wp_remote_retrieve_body($response);
}
