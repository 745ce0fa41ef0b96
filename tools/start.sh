#!/usr/bin/env bash
# npm start: CommonTrace in all-in-one mode. Installs dependencies if missing, builds, migrates
# the embedded database (PGlite, in .commontrace/data unless DATA_DIR says otherwise), starts,
# and prints the gateway URL. With DATABASE_URL and NATS_URL set it starts the microservices instead.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false
if [ -n "${DATABASE_URL:-}" ] && [ -n "${NATS_URL:-}" ]; then
  exec bash tools/start-microservices.sh
fi
bash tools/ensure-deps.sh
npx nx build all-in-one --outputStyle=static >/dev/null
exec node dist/apps/all-in-one/main.js
