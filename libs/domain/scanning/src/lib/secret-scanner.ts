// Type-only imports: they name the packages as dependencies of this lib (and so of the built
// apps' package.json) without a CommonJS require of these ES modules.
import type * as SecretlintCore from '@secretlint/core';
import type * as SecretlintProfiler from '@secretlint/profiler';
import type * as SecretlintPreset from '@secretlint/secretlint-rule-preset-recommend';
import { performance } from 'node:perf_hooks';
import { detectSecrets } from './detectors';
import { isPlaceholder } from './secret-values';
import { kindOfSecretlintMessage, SecretKind } from './secret-kinds';

export interface SecretFinding {
  field: string;
  kind: SecretKind;
}

interface SecretlintMessage {
  ruleId: string;
  messageId: string;
  range: [number, number];
}

const URL_PASSWORD = /:\/\/[^\s:/@]{0,256}:([^\s/@]{1,256})@/;

/**
 * secretlint matches that hold a placeholder rather than a value (`<password>`, `${DB_PASSWORD}`,
 * XXXX, AWS's EXAMPLE keys), or a URL whose password is one (`amqp://guest:guest@`, `user:pass@`).
 */
function isPlaceholderMatch(text: string, range: [number, number]): boolean {
  const match = text.slice(range[0], range[1]);
  if (/<[^\s<>]{1,64}>|\$\{|EXAMPLE/.test(match)) return true;
  return isPlaceholder(URL_PASSWORD.exec(match)?.[1] ?? match);
}
type LintSource = (args: unknown) => Promise<{ messages: SecretlintMessage[] }>;

// secretlint ships as ES modules only; a real import() keeps this CommonJS build able to load it.
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<Record<string, unknown>>;

let secretlint: Promise<{ lint: LintSource; config: unknown; forgetMarks: () => void }> | undefined;

function loadSecretlint() {
  secretlint ??= (async () => {
    const core = (await importModule('@secretlint/core')) as unknown as typeof SecretlintCore;
    const preset = (await importModule('@secretlint/secretlint-rule-preset-recommend')) as unknown as typeof SecretlintPreset;
    const { secretLintProfiler } = (await importModule('@secretlint/profiler')) as unknown as typeof SecretlintProfiler;
    const profiler = secretLintProfiler as unknown as { entries: unknown[]; measures: unknown[] };
    // secretlint's profiler keeps every performance mark of every lint, and searches all of them
    // on each new mark: a long-running scanner grew slower with every text it had scanned. (The
    // marks themselves must stay: the profiler measures between them a little later.)
    const forgetMarks = () => {
      profiler.entries.length = 0;
      profiler.measures.length = 0;
      performance.clearMeasures();
    };
    const config = {
      rules: [
        {
          id: '@secretlint/secretlint-rule-preset-recommend',
          rule: preset.creator,
          rules: [
            // Finds bare access key ids too, not only ones assigned to a suggestive name.
            { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } },
            // A contributor must not be able to switch the scan off with a comment in the text.
            { id: '@secretlint/secretlint-rule-filter-comments', disabled: true },
          ],
        },
      ],
    };
    return { lint: core.lintSource as unknown as LintSource, config, forgetMarks };
  })();
  // A failed load is tried again on the next scan instead of failing every scan after it.
  secretlint.catch(() => (secretlint = undefined));
  return secretlint;
}

/** Loads secretlint and its rules (once); a scan does this itself when it has not been done. */
export async function loadSecretScanner(): Promise<void> {
  await loadSecretlint();
}

/**
 * Finds credentials in every given text field: secretlint's recommended rules plus our own
 * detectors for what they miss. Returns each (field, kind) once, and never the value.
 */
export async function scanForSecrets(fields: Record<string, string | undefined | null>): Promise<SecretFinding[]> {
  const { lint, config, forgetMarks } = await loadSecretlint();
  const findings: SecretFinding[] = [];
  const add = (field: string, kind: SecretKind) => {
    if (!findings.some((f) => f.field === field && f.kind === kind)) findings.push({ field, kind });
  };
  for (const [field, text] of Object.entries(fields)) {
    if (!text) continue;
    const result = await lint({
      source: { content: text, filePath: `/${field}.txt`, contentType: 'text' },
      options: { config, maskSecrets: true },
    });
    forgetMarks();
    const kinds = new Set<SecretKind>([
      ...result.messages.filter((m) => !isPlaceholderMatch(text, m.range)).map((m) => kindOfSecretlintMessage(m.ruleId, m.messageId)),
      ...detectSecrets(text).map((h) => h.kind),
    ]);
    // A named credential says more than "a secret-looking value": report the generic kind only alone.
    if (kinds.size > 1) kinds.delete('generic_secret_assignment');
    for (const kind of kinds) add(field, kind);
  }
  return findings;
}
