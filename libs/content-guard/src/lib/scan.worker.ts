import { MessagePort } from 'node:worker_threads';
import { loadSecretScanner, ScreenRequest, ScreenResult, screenContent } from '@commontrace/domain-scanning';

export interface ScanTask {
  request: ScreenRequest;
  /** Told when the task starts, so that the budget counts the work and not the wait in the queue. */
  started: MessagePort;
}

/**
 * The scan pool's worker (see scan-pool.ts). piscina awaits this default export before it gives
 * the worker a task, so secretlint is loaded before the first request's budget starts.
 */
export default loadSecretScanner().then(() => async ({ request, started }: ScanTask): Promise<ScreenResult> => {
  started.postMessage('started');
  started.close();
  return screenContent(request);
});
