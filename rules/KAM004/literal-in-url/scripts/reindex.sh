#!/bin/sh
curl -s "https://api.kaman.io/v2/kam_APYjf4fkT5RSoUbN4To5FTI0waeq9wWL/indexes/products/reindex" -X POST
