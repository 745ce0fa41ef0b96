import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import type { FieldRedaction } from '@commontrace/domain-scanning';
import { AppEnv } from '@commontrace/util-config';
import { OverBudgetError, ScanPool } from './scan-pool';

export interface ScreenFields<T extends Record<string, unknown>> {
  /** Texts in which a credential refuses the request, by field name. */
  scan: Record<string, string | undefined | null>;
  /** Values whose personal data is replaced, by field name: texts, or JSON values (metadata). */
  redact: T;
}

/**
 * What every text entering the shared memory goes through: credentials refuse it, personal data
 * is replaced. The work runs in the scan worker pool, within SCAN_BUDGET_MS per request.
 */
@Injectable()
export class ContentGuard implements OnModuleDestroy {
  private readonly logger = new Logger('ContentGuard');
  private readonly pool: ScanPool;

  constructor(private readonly env: AppEnv) {
    this.pool = new ScanPool(env.SCAN_BUDGET_MS);
  }

  /**
   * Throws 422 secret_detected naming each kind and field (never the value), or 422
   * content_too_complex when the scan runs over its budget. Otherwise returns the `redact` values
   * with personal data replaced, and what was replaced in each field.
   */
  async screen<T extends Record<string, unknown>>(fields: ScreenFields<T>): Promise<{ texts: T; redactions: FieldRedaction[] }> {
    const result = await this.pool.run(fields).catch((error: unknown) => {
      if (!(error instanceof OverBudgetError)) throw error;
      this.logger.warn(`Refused a contribution whose scan ran over ${this.env.SCAN_BUDGET_MS} ms; its worker was replaced`);
      throw new DomainError(
        ErrorCode.ContentTooComplex,
        `Scanning this contribution took longer than ${this.env.SCAN_BUDGET_MS} ms: shorten very long or repetitive texts and send it again`,
        { details: { budget_ms: this.env.SCAN_BUDGET_MS } },
      );
    });
    if (result.findings.length) {
      const where = result.findings.map((f) => `${f.kind} in ${f.field}`).join(', ');
      throw new DomainError(ErrorCode.SecretDetected, `Remove the credentials before contributing: ${where}`, {
        details: { findings: result.findings },
      });
    }
    return { texts: result.redacted as T, redactions: result.redactions };
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }
}
