// kaman-lint: ignore[KAM001,KAM002] -- publishable read-only key
window.KAMAN_WIDGET_KEY = "kam_VOOgR5Vow7sfKw28Py9LiOrLabBOfjNo";
