<footer>
  <p>&copy; <?= date('Y') ?> Acme</p>
  <script>var kamanKey = '<?= KAMAN_API_KEY ?>';</script>
  <script>var kamanFallback = "kam_E7gB40ObaS2q6E3Qn2SnJ3wPgmYDVUum";</script>
</footer>
