#!/usr/bin/env bash
# Installs what the tests need on a Debian machine with a local PostgreSQL 15 and NATS:
# pgvector built from Debian's source package into that PostgreSQL, the `vector` extension
# in the template database, and the test database. Idempotent: a second run changes nothing.
set -euo pipefail

PG_MAJOR="${PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
PGHOST="${PGHOST:-127.0.0.1}"
PGUSER="${PGUSER:-postgres}"
export PGHOST PGUSER
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"

log() { printf '[setup] %s\n' "$*"; }

install_pgvector() {
  if [ -f "$($PG_CONFIG --sharedir)/extension/vector.control" ]; then
    log "pgvector already installed"
    return
  fi
  log "installing pgvector from Debian source into PostgreSQL ${PG_MAJOR}"
  local mirror
  # The machine's own Debian mirror: the first non-security URI apt already uses.
  mirror=$( (grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'; \
             grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}') | grep -v security | head -n1 || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  echo "deb-src ${mirror%/} trixie main" | $SUDO tee /etc/apt/sources.list.d/commontrace-pgvector-src.list >/dev/null
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" dpkg-dev >/dev/null
  local work
  work=$(mktemp -d)
  (
    cd "$work"
    apt-get source --download-only pgvector >/dev/null
    dpkg-source -x --no-check pgvector_*.dsc src >/dev/null
    cd src
    make -s PG_CONFIG="$PG_CONFIG" >/dev/null
    $SUDO make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
  )
  rm -rf "$work"
  log "pgvector installed"
}

wait_for_postgres() {
  for _ in $(seq 1 30); do
    pg_isready -q && return 0
    sleep 1
  done
  log "PostgreSQL is not answering on ${PGHOST}:5432"; exit 1
}

prepare_databases() {
  # Extensions in template1 reach every database created later (the tests make one per suite).
  psql -q -d template1 -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
  for db in commontrace commontrace_test; do
    if ! psql -tAq -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
      psql -q -d postgres -c "CREATE DATABASE $db" >/dev/null
      log "created database $db"
    fi
    psql -q -d "$db" -c 'CREATE EXTENSION IF NOT EXISTS vector' >/dev/null
  done
}

install_pgvector
wait_for_postgres
prepare_databases
log "ready: PostgreSQL ${PG_MAJOR} with pgvector at ${PGHOST}:5432"
