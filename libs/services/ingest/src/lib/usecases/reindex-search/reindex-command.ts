import { INestApplication } from '@nestjs/common';
import { ConfigError } from '@commontrace/util-config';
import { ReindexSearchUseCase, ReindexResult } from './reindex-search.usecase';

export const REINDEX_FLAGS = {
  /** Rewrite every trace's postings, not only those another tokenizer version made. */
  all: '--all',
} as const;

/**
 * `node dist/apps/ingest/main.js reindex [--all]` (`npm run search:reindex`): brings the lexical
 * index (and the error signatures of the traces it rewrites) to the current tokenizer version,
 * then exits. Run it after TOKENIZER_VERSION changes, or with `--all` after the error-signature
 * extraction changes.
 */
export async function reindexCommand(app: INestApplication, args: string[]): Promise<ReindexResult> {
  const known: string[] = Object.values(REINDEX_FLAGS);
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length) throw new ConfigError(`reindex: unknown argument(s) ${unknown.join(' ')} (known: ${known.join(' ')})`);
  return app.get(ReindexSearchUseCase).execute({ all: args.includes(REINDEX_FLAGS.all) });
}
