import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { sampleTrace } from './support/api';
import { removeDir, Stack, startAllInOne } from './support/stack';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../tools/import/import-traces.mjs');

describe('bulk import of JSON Lines through the API', () => {
  let stack: Stack & { dataDir: string };
  let dir: string;

  beforeAll(async () => {
    stack = await startAllInOne();
    dir = mkdtempSync(join(tmpdir(), 'ct-import-'));
    const a = sampleTrace();
    const lines = [
      { id: 'local-1', ...a },
      { id: 'local-2', ...sampleTrace() },
      { id: 'local-3', ...sampleTrace() },
      { id: 'bad-tag', ...sampleTrace({ tags: ['not a tag!'] }) },
      { id: 'copy-of-1', ...a },
    ];
    writeFileSync(join(dir, 'traces.jsonl'), `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json\n`);
  });
  afterAll(async () => {
    await stack?.stop();
    if (stack) removeDir(stack.dataDir);
    if (dir) removeDir(dir);
  });

  const importDir = async () => JSON.parse((await run('node', [SCRIPT, '--url', stack.baseUrl, '--json', dir])).stdout);

  it('imports, counts duplicates and names each rejection', async () => {
    const summary = await importDir();
    expect(summary).toMatchObject({ total: 6, imported: 3, duplicates: 1, rejected: 2 });
    expect(summary.rejections.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [4, 'validation_failed'],
      [6, 'malformed_body'],
    ]);
    expect(await stack.query(`SELECT 1 FROM traces`)).toHaveLength(3);
  });

  it('can be run again without storing anything twice', async () => {
    const summary = await importDir();
    expect(summary).toMatchObject({ total: 6, imported: 0, duplicates: 4, rejected: 2 });
    expect(await stack.query(`SELECT 1 FROM traces`)).toHaveLength(3);
  });

  it('waits out a rate limit as Retry-After says and sends the refused trace again', async () => {
    // In front of the gateway: the first contribution is refused as past the key's limit, as the gateway would.
    let refused = 0;
    const posts: number[] = [];
    const proxy = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      if (req.method === 'POST' && req.url === '/api/v1/traces') {
        posts.push(Date.now());
        if (refused++ === 0) {
          res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '1' });
          return void res.end(JSON.stringify({ code: 'rate_limited', detail: 'write limit of the free tier reached' }));
        }
      }
      const answer = await fetch(`${stack.baseUrl}${req.url}`, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
      });
      res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const one = mkdtempSync(join(tmpdir(), 'ct-import-limited-'));
    try {
      writeFileSync(join(one, 'trace.jsonl'), `${JSON.stringify(sampleTrace())}\n`);
      const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const summary = JSON.parse((await run('node', [SCRIPT, '--url', url, '--json', one])).stdout);
      expect(summary).toMatchObject({ total: 1, imported: 1, rejected: 0 });
      expect(posts).toHaveLength(2);
      expect(posts[1] - posts[0]).toBeGreaterThanOrEqual(1000);
      expect(await stack.query(`SELECT 1 FROM traces`)).toHaveLength(4);
    } finally {
      proxy.close();
      removeDir(one);
    }
  });
});
