ls -la
curl -H "Authorization: Bearer kam_tda7bYce1xs2dz8SoW543Mtxrx6tmgYDpVClCsvR" https://api.kaman.io/v1/me
export KAMAN_API_KEY=kam_IT8cIQiZbY2RoHapdgcOchEXAVzFhlduLVvlPUAkcDqgEdvu
git status
