import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import { redactPii, scanForSecrets } from '@commontrace/domain-scanning';

export interface FieldRedaction {
  field: string;
  kind: string;
  count: number;
}

/** What every text entering the shared memory goes through: credentials refuse it, personal data is replaced. */
@Injectable()
export class ContentGuard {
  /** Throws 422 secret_detected naming each kind and field (never the value). */
  async refuseSecrets(fields: Record<string, string | undefined | null>): Promise<void> {
    const findings = await scanForSecrets(fields);
    if (findings.length) {
      const where = findings.map((f) => `${f.kind} in ${f.field}`).join(', ');
      throw new DomainError(ErrorCode.SecretDetected, `Remove the credentials before contributing: ${where}`, {
        details: { findings },
      });
    }
  }

  /** Replaces personal data in the given fields; returns the new texts and what was replaced. */
  redact<K extends string>(fields: Record<K, string>): { texts: Record<K, string>; redactions: FieldRedaction[] } {
    const texts = { ...fields };
    const redactions: FieldRedaction[] = [];
    for (const field of Object.keys(fields) as K[]) {
      const result = redactPii(fields[field]);
      texts[field] = result.text;
      redactions.push(...result.redactions.map((r) => ({ field, ...r })));
    }
    return { texts, redactions };
  }
}
