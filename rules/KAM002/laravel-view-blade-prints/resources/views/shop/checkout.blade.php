<script>window.kaman = { key: "{{ $kamanKey }}" };</script>
<p>{{ count($cart) }} items</p>
