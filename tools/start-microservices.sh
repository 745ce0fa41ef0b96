#!/usr/bin/env bash
# npm run start:microservices: every service as its own process against DATABASE_URL and NATS_URL.
# Migrates once (under the advisory lock), then runs gateway :3000, ingest :3001, embedding :3002,
# search :3003 and reputation :3004 until interrupted. For production use the images (deploy/).
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false
: "${DATABASE_URL:?set DATABASE_URL (postgres://...) for the microservices mode}"
: "${NATS_URL:?set NATS_URL (nats://...) for the microservices mode}"
bash tools/ensure-deps.sh
npx nx run-many -t build -p migrate gateway ingest embedding search reputation --outputStyle=static >/dev/null
node dist/apps/migrate/main.js
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait' EXIT INT TERM
declare -A ports=([gateway]=3000 [ingest]=3001 [embedding]=3002 [search]=3003 [reputation]=3004)
for app in ingest embedding search reputation gateway; do
  PORT="${ports[$app]}" node "dist/apps/$app/main.js" &
  pids+=($!)
done
echo "CommonTrace microservices: gateway at http://localhost:3000 (API /api/v1, docs /docs)"
wait -n
