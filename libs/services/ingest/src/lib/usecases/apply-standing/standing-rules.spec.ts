import { statusFromStanding } from './standing-rules';

describe('statusFromStanding', () => {
  const at = (iso: string) => new Date(iso);
  const trace = { status: 'pending' as const, superseded_by: null, standing_decided_at: at('2026-01-01T00:00:10Z') };
  const decision = (standing: 'pending' | 'validated' | 'hidden', source: 'evidence' | 'moderation', decided_at = '2026-01-01T00:00:20Z') => ({ standing, source, decided_at });

  it('applies a newer decision, and one decided at the same time; ignores an older one', () => {
    expect(statusFromStanding(trace, decision('validated', 'evidence'))).toBe('validated');
    expect(statusFromStanding(trace, decision('validated', 'evidence', '2026-01-01T00:00:10Z'))).toBe('validated');
    expect(statusFromStanding(trace, decision('validated', 'evidence', '2026-01-01T00:00:09Z'))).toBeNull();
  });

  it('hides only by moderation, and unhides only by moderation', () => {
    expect(statusFromStanding(trace, decision('hidden', 'evidence'))).toBeNull();
    expect(statusFromStanding(trace, decision('hidden', 'moderation'))).toBe('hidden');
    const hidden = { ...trace, status: 'hidden' as const };
    expect(statusFromStanding(hidden, decision('validated', 'evidence'))).toBeNull();
    expect(statusFromStanding(hidden, decision('validated', 'moderation'))).toBe('validated');
  });

  it('keeps a superseded trace superseded unless it is hidden', () => {
    const superseded = { ...trace, status: 'superseded' as const, superseded_by: 'successor' };
    expect(statusFromStanding(superseded, decision('validated', 'evidence'))).toBe('superseded');
    expect(statusFromStanding(superseded, decision('hidden', 'moderation'))).toBe('hidden');
    expect(statusFromStanding({ ...superseded, status: 'hidden' }, decision('pending', 'moderation'))).toBe('superseded');
  });
});
