import { TRACE_STATUSES } from '@commontrace/contracts';
import { isHiddenStatus, statusFactor } from './status-factor';

describe('statusFactor', () => {
  it('lifts validated slightly, keeps pending neutral, sinks stale and disputed, superseded most', () => {
    const m = (s: (typeof TRACE_STATUSES)[number]) => statusFactor(s, null)?.multiplier as number;
    expect(m('validated')).toBeGreaterThan(1);
    expect(m('validated')).toBeLessThanOrEqual(1.2);
    expect(m('pending')).toBe(1);
    expect(m('stale')).toBeLessThan(1);
    expect(m('disputed')).toBeLessThan(1);
    expect(m('superseded')).toBeLessThan(Math.min(m('stale'), m('disputed')));
  });

  it('excludes hidden traces', () => {
    expect(statusFactor('hidden', null)).toBeNull();
    expect(isHiddenStatus('hidden')).toBe(true);
    expect(TRACE_STATUSES.filter(isHiddenStatus)).toEqual(['hidden']);
  });

  it('names the successor of a superseded trace', () => {
    expect(statusFactor('superseded', 'b')).toMatchObject({ status: 'superseded', successor_id: 'b' });
    expect(statusFactor('validated', 'b')?.successor_id).toBeNull();
  });

  it('treats a status it does not know as pending', () => {
    expect(statusFactor('constructor' as never, null)?.multiplier).toBe(1);
  });

  it('is positive for every status but hidden', () => {
    for (const s of TRACE_STATUSES.filter((x) => x !== 'hidden')) expect(statusFactor(s, null)?.multiplier).toBeGreaterThan(0);
  });
});
