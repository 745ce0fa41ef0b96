import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
});
