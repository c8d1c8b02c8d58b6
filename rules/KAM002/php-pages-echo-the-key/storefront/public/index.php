<?php
require __DIR__ . '/../src/bootstrap.php';
$kamanKey = getenv('KAMAN_API_KEY');
$title = 'Store locator';
?>
<!DOCTYPE html>
<html>
<head>
  <title><?= htmlspecialchars($title) ?></title>
  <script>
    window.KAMAN_KEY = "<?php echo $kamanKey; ?>";
  </script>
</head>
<body>
  <?php if ($kamanKey): ?>
    <div id="map" data-enabled="<?= $kamanKey ? 'yes' : 'no' ?>"></div>
  <?php endif; ?>
  <!-- <?php // echo KAMAN_API_KEY; ?> -->
  <script src="/js/map.js"></script>
</body>
</html>
