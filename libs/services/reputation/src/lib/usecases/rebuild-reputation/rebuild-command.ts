import { INestApplication } from '@nestjs/common';
import { ConfigError } from '@commontrace/util-config';
import { RebuildReputationUseCase, RebuildResult } from './rebuild-reputation.usecase';

/**
 * `node dist/apps/reputation/main.js rebuild` (`npm run reputation:rebuild`): recomputes trust,
 * domain reputation, the vote and verification ledger entries and points from the votes and
 * verifications, then exits. Safe to run again; it takes no arguments.
 */
export async function rebuildCommand(app: INestApplication, args: string[]): Promise<RebuildResult> {
  if (args.length) throw new ConfigError(`rebuild: unknown argument(s) ${args.join(' ')} (it takes none)`);
  return app.get(RebuildReputationUseCase).execute();
}
