#!/usr/bin/env bash
# The built commontrace-mcp bin starts, speaks MCP over stdio (initialize, tools/list) and exits
# when stdin closes; its package.json declares the bin, and `npm install -g ./dist/apps/mcp-server`
# (what the README says) puts it on the PATH. No gateway is needed for this.
set -euo pipefail
cd "$(dirname "$0")/.."
main=dist/apps/mcp-server/main.js
head -n 1 "$main" | grep -qx '#!/usr/bin/env node'
node -e "const p=require('./dist/apps/mcp-server/package.json'); if (p.bin?.['commontrace-mcp'] !== 'main.js') process.exit(1)"
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
npm install -g --prefix "$prefix" --no-audit --no-fund ./dist/apps/mcp-server >/dev/null
out=$(printf '%s\n' \
  '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"smoke","version":"1"}}}' \
  '{"jsonrpc":"2.0","method":"notifications/initialized"}' \
  '{"jsonrpc":"2.0","id":2,"method":"tools/list","params":{}}' |
  COMMONTRACE_API_URL=http://127.0.0.1:9 timeout 20 "$prefix/bin/commontrace-mcp" 2>/dev/null)
echo "$out" | grep -q '"serverInfo":{"name":"commontrace"'
echo "$out" | grep -q '"name":"search_traces"'
echo "commontrace-mcp: ok"
