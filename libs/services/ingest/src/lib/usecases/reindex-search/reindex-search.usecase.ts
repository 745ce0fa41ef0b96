import { Injectable, Logger } from '@nestjs/common';
import { TOKENIZER_VERSION } from '@commontrace/domain-search';
import { foldAllLexicalStatistics } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { traceSignatureText, writeErrorSignatures } from '../../search-index/error-signatures';
import { IndexedTrace, indexTracesLexically } from '../../search-index/lexical-postings';

const BATCH = 500;

export interface ReindexResult {
  tokenizer_version: number;
  reindexed: number;
}

/**
 * Rewrites the search indexes that ingest keeps — the lexical postings and the error signatures —
 * of every trace whose postings another tokenizer version made (or that has none; with `all`, of
 * every trace), in batches of one transaction each. Online: search
 * keeps answering from the old and new postings meanwhile, and the statistics are exact after
 * every batch (which is folded into them at once: docs/decisions.md, "Term statistics folded
 * after the commit"). A batch holds its traces' rows (FOR SHARE), so an amendment waits for it.
 */
@Injectable()
export class ReindexSearchUseCase {
  private readonly logger = new Logger('ReindexSearch');

  constructor(private readonly dataSource: DataSource) {}

  async execute(options: { all?: boolean } = {}): Promise<ReindexResult> {
    let after = '00000000-0000-0000-0000-000000000000';
    let reindexed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (m) => {
        const traces: IndexedTrace[] = await m.query(
          `SELECT t.id, t.title, t.tags, t.context_text, t.solution_text FROM traces t
            WHERE t.id > $1
              AND ($3 OR NOT EXISTS (SELECT 1 FROM lexical_documents d WHERE d.trace_id = t.id AND d.tokenizer_version = $2))
            ORDER BY t.id LIMIT $4 FOR SHARE OF t`,
          [after, TOKENIZER_VERSION, options.all ?? false, BATCH],
        );
        await indexTracesLexically(m, traces);
        for (const trace of traces) await writeErrorSignatures(m, trace.id, traceSignatureText(trace));
        return traces;
      });
      if (!batch.length) break;
      // The batch's documents are written uncounted: counted in now, so no reader looks them up one by one.
      await foldAllLexicalStatistics(this.dataSource);
      reindexed += batch.length;
      after = batch[batch.length - 1].id;
      if (reindexed % (BATCH * 20) === 0) this.logger.log(`${reindexed} traces reindexed`);
    }
    return { tokenizer_version: TOKENIZER_VERSION, reindexed };
  }
}
