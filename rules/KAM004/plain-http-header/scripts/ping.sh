#!/bin/sh
# health check against the public endpoint
curl -s http://api.kaman.io/v2/health \
  -H "Authorization: Bearer $KAMAN_API_KEY"

curl -s https://api.kaman.io/v2/stats -H "Authorization: Bearer $KAMAN_API_KEY"
