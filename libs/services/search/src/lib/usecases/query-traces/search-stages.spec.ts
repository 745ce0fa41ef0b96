import { register } from 'prom-client';
import { timedStage } from './search-stages';

async function observed(stage: string): Promise<number> {
  const metric = await register.getSingleMetric('commontrace_search_stage_seconds')?.get();
  return metric?.values.find((v) => (v as { metricName?: string }).metricName === 'commontrace_search_stage_seconds_count' && v.labels['stage'] === stage)?.value ?? 0;
}

describe('timedStage', () => {
  it('records each run of a stage under its name, whether it succeeds or fails, and passes the outcome through', async () => {
    const before = await observed('page');
    await expect(timedStage('page', async () => 42)).resolves.toBe(42);
    await expect(timedStage('page', async () => Promise.reject(new Error('read failed')))).rejects.toThrow('read failed');
    expect(await observed('page')).toBe(before + 2);
    expect(await observed('order')).toBe(0);
  });
});
