#!/usr/bin/env bash
# npm test: every test tier. Installs what the tests need (npm dependencies, pgvector in the
# local PostgreSQL, the test database), then lint, unit specs, the integration tier against the
# local PostgreSQL and NATS, the end-to-end tier through the gateway in both modes, and builds.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_NO_CLOUD=true NX_DAEMON=false NX_TUI=false
bash tools/ensure-deps.sh
bash tools/setup.sh
echo "== lint"
npx nx run-many -t lint --outputStyle=static
echo "== unit"
npx nx run-many -t test --exclude=integration,e2e --outputStyle=static
echo "== integration (PostgreSQL + pgvector, NATS JetStream)"
npx nx run integration:test --outputStyle=static --skip-nx-cache
echo "== end to end (gateway, both deployment modes)"
npx nx run e2e:test --outputStyle=static --skip-nx-cache
echo "== build"
npx nx run-many -t build --outputStyle=static
echo "== the MCP server's bin, from the build output (the end-to-end tier ran it from source)"
bash tools/mcp-bin-smoke.sh
echo "== the Claude Code plugin bundle is the one its sources build"
npx nx run claude-plugin:check-bundle --outputStyle=static
