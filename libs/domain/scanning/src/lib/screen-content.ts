import { redactPii, redactPiiInJson } from './pii';
import { scanForSecrets, SecretFinding } from './secret-scanner';

export interface FieldRedaction {
  field: string;
  kind: string;
  count: number;
}

export interface ScreenRequest {
  /** Texts scanned for credentials, by field name (empty ones are skipped). */
  scan: Record<string, string | undefined | null>;
  /** Values whose personal data is replaced, by field name: a text, or a JSON value whose strings are redacted. */
  redact: Record<string, unknown>;
}

export interface ScreenResult {
  /** The credentials found; when there are any, nothing was redacted. */
  findings: SecretFinding[];
  /** The `redact` values with personal data replaced (undefined ones stay undefined). */
  redacted: Record<string, unknown>;
  /** What was replaced in each field (a JSON value's counts are added up under its field name). */
  redactions: FieldRedaction[];
}

/** Everything a contribution's texts go through before they are stored: the secret scan, then PII redaction. */
export async function screenContent(request: ScreenRequest): Promise<ScreenResult> {
  const findings = await scanForSecrets(request.scan);
  if (findings.length) return { findings, redacted: {}, redactions: [] };
  const redacted: Record<string, unknown> = {};
  const redactions: FieldRedaction[] = [];
  for (const [field, value] of Object.entries(request.redact)) {
    const result = typeof value === 'string' ? redactPii(value) : redactPiiInJson(value);
    redacted[field] = 'text' in result ? result.text : result.value;
    redactions.push(...result.redactions.map((r) => ({ field, ...r })));
  }
  return { findings, redacted, redactions };
}
