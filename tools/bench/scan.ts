/**
 * Secret scanning and PII redaction speed, in milliseconds per KB of text:
 *   - typical: the seed corpus (tools/seed/corpus), each trace's title, context and solution;
 *   - adversarial: the attack texts of the linear-time spec (50,000 characters each);
 *   - the worker pool: one typical contribution's round trip through the scan pool that ingest uses.
 * Run: npm run bench:scan  (BENCH_ROUNDS=5 to repeat each measurement; the best round is reported)
 */
import { attackTexts, detectSecrets, loadSecretScanner, redactPii, scanForSecrets } from '@commontrace/domain-scanning';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScanPool } from '../../libs/content-guard/src/lib/scan-pool';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

interface Trace {
  title: string;
  context_text: string;
  solution_text: string;
}

function seedTraces(): Trace[] {
  const dir = join(__dirname, '../seed/corpus');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n').filter((l) => l.trim()))
    .map((l) => JSON.parse(l) as Trace);
}

/** The best of ROUNDS runs of `work`, in milliseconds. */
async function best(work: () => unknown): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < ROUNDS; i++) {
    const started = process.hrtime.bigint();
    await work();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return fastest;
}

const kb = (texts: string[]) => texts.reduce((n, t) => n + t.length, 0) / 1024;
const perKb = (ms: number, size: number) => `${(ms / size).toFixed(3).padStart(8)} ms/KB`;

async function main(): Promise<void> {
  await loadSecretScanner();
  const traces = seedTraces();
  const texts = traces.flatMap((t) => [t.title, t.context_text, t.solution_text]);
  const size = kb(texts);

  const pool = new ScanPool(10_000);
  try {
    const t = traces[0];
    const request = { scan: { title: t.title, context_text: t.context_text, solution_text: t.solution_text }, redact: { ...t } };
    await pool.run(request); // the worker is ready once it has answered
    const oneKb = kb([t.title, t.context_text, t.solution_text]);
    const roundTrip = await best(() => pool.run(request));
    console.log(`pool: one contribution of ${oneKb.toFixed(1)} KB through the scan worker pool: ${roundTrip.toFixed(2)} ms per request`);
  } finally {
    await pool.close();
  }

  console.log(`typical: ${traces.length} seed traces, ${size.toFixed(0)} KB (best of ${ROUNDS})`);
  const scan = await best(async () => {
    for (const t of traces) await scanForSecrets({ title: t.title, context_text: t.context_text, solution_text: t.solution_text });
  });
  const detectors = await best(() => texts.forEach((t) => detectSecrets(t)));
  const redaction = await best(() => texts.forEach((t) => redactPii(t)));
  console.log(`  secret scan (secretlint + detectors) ${perKb(scan, size)}`);
  console.log(`  our detectors alone                  ${perKb(detectors, size)}`);
  console.log(`  PII redaction                        ${perKb(redaction, size)}`);

  const attacks = attackTexts(50_000);
  const rows: { name: string; scan: number; redact: number }[] = [];
  for (const a of attacks) {
    rows.push({
      name: a.name,
      scan: await best(() => scanForSecrets({ text: a.text })),
      redact: await best(() => redactPii(a.text)),
    });
  }
  const attackKb = 50_000 / 1024;
  const sorted = (key: 'scan' | 'redact') => rows.map((r) => r[key]).sort((x, y) => x - y);
  const median = (values: number[]) => values[Math.floor(values.length / 2)];
  const worst = (key: 'scan' | 'redact') => rows.reduce((w, r) => (r[key] > w[key] ? r : w));
  console.log(`adversarial: ${attacks.length} attack texts of 50,000 characters`);
  for (const key of ['scan', 'redact'] as const) {
    const w = worst(key);
    console.log(
      `  ${key === 'scan' ? 'secret scan  ' : 'PII redaction'} median ${perKb(median(sorted(key)), attackKb)}, worst ${perKb(w[key], attackKb)} (${w.name})`,
    );
  }

}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
