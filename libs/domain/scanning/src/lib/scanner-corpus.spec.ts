import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECRET_KINDS } from './secret-kinds';
import { scanForSecrets } from './secret-scanner';

function readJsonl<T>(name: string): T[] {
  return readFileSync(join(__dirname, '../fixtures', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

const secrets = readJsonl<{ kind: string; where: string; text: string }>('secrets.jsonl');
const benign = readJsonl<{ note: string; text: string }>('benign.jsonl');

describe('the secret scanner on its corpus', () => {
  it('has a corpus of at least 40 secrets covering every kind, and at least 100 benign snippets', () => {
    expect(secrets.length).toBeGreaterThanOrEqual(40);
    expect(benign.length).toBeGreaterThanOrEqual(100);
    // Documentation that must not be refused (issue 15): placeholders, published tool defaults, interpolations.
    expect(benign.filter((b) => /^(placeholder|default|interpolation): /.test(b.note)).length).toBeGreaterThanOrEqual(40);
    const covered = new Set(secrets.map((s) => s.kind));
    expect(SECRET_KINDS.filter((k) => k !== 'other_secret' && !covered.has(k))).toEqual([]);
  });

  it('catches 100% of the secrets and names the right kind', async () => {
    const missed: string[] = [];
    const misnamed: string[] = [];
    for (const [i, s] of secrets.entries()) {
      const findings = await scanForSecrets({ text: s.text });
      if (findings.length === 0) missed.push(`#${i} ${s.kind} (${s.where})`);
      else if (!findings.some((f) => f.kind === s.kind)) misnamed.push(`#${i} ${s.kind} found as ${findings.map((f) => f.kind)}`);
    }
    const caught = secrets.length - missed.length;
    process.stdout.write(`secrets caught: ${caught}/${secrets.length} (${((100 * caught) / secrets.length).toFixed(1)}%)\n`);
    expect(missed).toEqual([]);
    expect(misnamed).toEqual([]);
  });

  it('passes 100% of the benign snippets', async () => {
    const flagged: string[] = [];
    for (const [i, b] of benign.entries()) {
      const findings = await scanForSecrets({ text: b.text });
      if (findings.length) flagged.push(`#${i} ${b.note}: ${findings.map((f) => f.kind)}`);
    }
    const passed = benign.length - flagged.length;
    process.stdout.write(`benign passed: ${passed}/${benign.length} (${((100 * passed) / benign.length).toFixed(1)}%)\n`);
    expect(flagged).toEqual([]);
  });

  it('names the field and never the value', async () => {
    const value = 'ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A';
    const findings = await scanForSecrets({ title: 'ok', solution_text: `export GITHUB_TOKEN=${value}` });
    expect(findings).toEqual([{ field: 'solution_text', kind: 'github_token' }]);
    expect(JSON.stringify(findings)).not.toContain(value);
  });

  it("does not let secretlint's profiler pile up marks, which made every later scan slower", async () => {
    const importModule = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ secretLintProfiler: unknown }>;
    const profiler = (await importModule('@secretlint/profiler')).secretLintProfiler as { entries: unknown[] };
    const settled = () => new Promise((resolve) => setImmediate(resolve));
    await scanForSecrets({ text: 'export API_URL=https://api.acme.dev' });
    await settled();
    const afterOne = profiler.entries.length;
    for (let i = 0; i < 5; i++) await scanForSecrets({ text: `run ${i}: export API_URL=https://api.acme.dev` });
    await settled();
    expect(profiler.entries.length).toBeLessThanOrEqual(afterOne);
  });

  it('cannot be switched off with a secretlint-disable comment', async () => {
    const text = '// secretlint-disable-next-line\nconst key = "AKIA4HQMCRZTMLYBWQ7X";';
    expect((await scanForSecrets({ text })).map((f) => f.kind)).toContain('aws_access_key');
  });
});
