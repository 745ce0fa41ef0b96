import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** User + system CPU seconds of a process, from /proc (Linux); 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The CPU seconds used by a database's backends, all but `monitor`'s own and those of `excluded`
 * (the bench's own connections). Pool connections come and go (idle ones close), so each backend
 * is sampled while it lives, every 250 ms, and its last reading kept: the total covers backends
 * that ended between two readings.
 */
export function backendCpu(monitor: Client, excluded: () => number[]): { total(): Promise<number>; stop(): void } {
  const seen = new Map<number, number>();
  const sample = async () => {
    const backends = await monitor.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND NOT (pid = ANY($1::int[]))`,
      [excluded()],
    );
    for (const { pid } of backends.rows) seen.set(pid, Math.max(seen.get(pid) ?? 0, cpuSeconds(pid)));
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), 250);
  sampler.unref();
  return {
    total: async () => {
      await sample();
      return [...seen.values()].reduce((sum, v) => sum + v, 0);
    },
    stop: () => clearInterval(sampler),
  };
}
