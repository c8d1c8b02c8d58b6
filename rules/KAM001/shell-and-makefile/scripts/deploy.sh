#!/usr/bin/env bash
set -euo pipefail
export KAMAN_API_KEY="kam_auNeLon6NVp4hR5PIgsKOfz0k0Sx76tGZOyvA26YCpttvHVo"
curl -H "Authorization: Bearer $KAMAN_API_KEY" https://api.kaman.io/v2/status
