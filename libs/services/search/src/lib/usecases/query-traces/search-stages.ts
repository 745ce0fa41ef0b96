import { histogram } from '@commontrace/util-observability';

/** The stages of one search, as `commontrace_search_stage_seconds{stage}` reports them. */
export type SearchStage = 'signatures' | 'lexical_catch_up' | 'lexical' | 'vector' | 'order' | 'page' | 'page_rest';

/** Fine buckets: a stage takes from a fraction of a millisecond to a few tens of them. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

const stageSeconds = histogram(
  'commontrace_search_stage_seconds',
  'Time spent in each stage of a search (the retrievers run side by side; vector includes the query embedding)',
  ['stage'],
  BUCKETS,
);

/** Runs one stage of a search and records how long it took, whether it succeeded or failed. */
export async function timedStage<T>(stage: SearchStage, run: () => Promise<T>): Promise<T> {
  const end = stageSeconds.startTimer({ stage });
  try {
    return await run();
  } finally {
    end();
  }
}
