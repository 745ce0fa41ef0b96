import { unwrapReplayed, wrapReplayed } from './replayed-reply';

describe('replayed replies', () => {
  it('unwraps a wrapped answer as replayed, whatever its shape', () => {
    for (const value of [{ id: 'a', status: 'pending' }, [1, 2], 'text', null]) {
      const wire = JSON.parse(JSON.stringify(wrapReplayed(value)));
      expect(unwrapReplayed(wire)).toEqual({ value, replayed: true });
    }
  });

  it('leaves any other answer as it is', () => {
    for (const value of [{ id: 'a' }, { ct_idempotent_replay: 1, other: 2 }, [], 'x', null, undefined]) {
      expect(unwrapReplayed(value)).toEqual({ value, replayed: false });
    }
  });
});
