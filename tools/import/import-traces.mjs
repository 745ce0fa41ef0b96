#!/usr/bin/env node
// Imports traces from JSON Lines files through the REST API: the same validation, scanning and
// duplicate checks as any contribution. Safe to re-run: what exists already counts as a duplicate.
//
//   node tools/import/import-traces.mjs [--url URL] [--key KEY] [--force-duplicates] [--json] FILE|DIR...
//
// Each line has the fields of POST /api/v1/traces; an `id` field (a local id) is ignored.
// Without --key (or CT_API_KEY) a key is registered for the import and printed.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args.splice(i, 1), true) : false;
};
const baseUrl = (option('--url') ?? process.env.CT_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
let apiKey = option('--key') ?? process.env.CT_API_KEY;
const forceDuplicates = flag('--force-duplicates');
const json = flag('--json');
const concurrency = Number(option('--concurrency') ?? 4);
if (args.length === 0) {
  console.error('usage: import-traces.mjs [--url URL] [--key KEY] [--force-duplicates] [--json] FILE|DIR...');
  process.exit(2);
}

const files = args.flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p).filter((f) => f.endsWith('.jsonl')).sort().map((f) => join(p, f))
    : [p],
);
const lines = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .map((text, i) => ({ file, line: i + 1, text: text.trim() }))
    .filter((l) => l.text),
);

/** How long the import waits out rate limits in all before it gives up (a free key writes 60 traces a minute). */
const RATE_LIMIT_PATIENCE_MS = 30 * 60_000;
let waitedMs = 0;
let toldAboutLimit = false;

async function api(method, path, body, headers = {}) {
  for (;;) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(apiKey ? { 'x-api-key': apiKey } : {}), ...headers },
      body: JSON.stringify(body),
    });
    const answer = { status: res.status, body: await res.json().catch(() => ({})) };
    // Past the key's rate limit nothing was written: wait as long as the gateway says, then send it again.
    const retryAfter = Number(res.headers.get('retry-after'));
    if (res.status !== 429 || !Number.isFinite(retryAfter) || waitedMs >= RATE_LIMIT_PATIENCE_MS) return answer;
    if (!toldAboutLimit && !json) console.error(`rate limited (${answer.body.detail ?? 'rate_limited'}); waiting as the gateway asks`);
    toldAboutLimit = true;
    const pause = Math.min(Math.max(retryAfter, 1) * 1000, RATE_LIMIT_PATIENCE_MS - waitedMs);
    waitedMs += pause;
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

if (!apiKey) {
  const res = await api('POST', '/api/v1/keys', { name: 'importer' });
  if (res.status !== 201) {
    console.error(`could not register an import key at ${baseUrl}: ${res.status} ${res.body.detail ?? ''}`);
    process.exit(1);
  }
  apiKey = res.body.api_key;
  if (!json) console.error(`registered an import key: ${apiKey} (contributor ${res.body.contributor_id})`);
}

const summary = { total: lines.length, imported: 0, duplicates: 0, rejected: 0, rejections: [] };
let done = 0;
const progress = () => {
  if (json || !process.stderr.isTTY) return;
  const width = 30;
  const filled = Math.round((done / Math.max(1, lines.length)) * width);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${lines.length}  ` +
      `imported ${summary.imported}  duplicates ${summary.duplicates}  rejected ${summary.rejected}`,
  );
};

async function importLine({ file, line, text }) {
  let trace;
  try {
    trace = JSON.parse(text);
  } catch {
    summary.rejected += 1;
    summary.rejections.push({ file, line, code: 'malformed_body', detail: 'not valid JSON' });
    return;
  }
  delete trace.id;
  if (forceDuplicates) trace.force = true;
  // The same line always gets the same key: a retried request is answered once.
  const key = `import-${createHash('sha256').update(text).digest('hex').slice(0, 48)}`;
  const res = await api('POST', '/api/v1/traces', trace, { 'idempotency-key': key });
  if (res.status === 201) summary.imported += 1;
  else if (res.body.code === 'duplicate_trace') summary.duplicates += 1;
  else {
    summary.rejected += 1;
    summary.rejections.push({ file, line, code: res.body.code ?? String(res.status), detail: res.body.detail ?? '' });
  }
}

const queue = [...lines];
await Promise.all(
  Array.from({ length: Math.max(1, concurrency) }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await importLine(next);
      done += 1;
      progress();
    }
  }),
);

summary.rejections.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
if (json) {
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} else {
  if (process.stderr.isTTY) process.stderr.write('\n');
  console.log(`${summary.total} traces read: ${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.rejected} rejected`);
  for (const r of summary.rejections) console.log(`  ${r.file}:${r.line} ${r.code}: ${r.detail}`);
}
process.exit(summary.total > 0 && summary.rejected === summary.total ? 1 : 0);
