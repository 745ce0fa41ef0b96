import { InFlight, withDeadline } from './in-flight';

describe('InFlight', () => {
  it('is idle at once when nothing is under way', async () => {
    const work = new InFlight();
    expect(work.size).toBe(0);
    await expect(work.idle()).resolves.toBeUndefined();
  });

  it('becomes idle only once every piece of work has ended, each counted once', async () => {
    const work = new InFlight();
    const endA = work.begin();
    const endB = work.begin();
    let idle = false;
    const waiting = work.idle().then(() => (idle = true));
    endA();
    endA(); // a second call changes nothing
    await Promise.resolve();
    expect({ size: work.size, idle }).toEqual({ size: 1, idle: false });
    endB();
    await waiting;
    expect({ size: work.size, idle }).toEqual({ size: 0, idle: true });
  });
});

describe('withDeadline', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('says done when the work settles in time, resolved or rejected', async () => {
    await expect(withDeadline(Promise.resolve(1), 1000)).resolves.toBe('done');
    await expect(withDeadline(Promise.reject(new Error('no')), 1000)).resolves.toBe('done');
  });

  it('says timeout when the work is still going at the deadline', async () => {
    const outcome = withDeadline(new Promise(() => undefined), 1000);
    jest.advanceTimersByTime(1000);
    await expect(outcome).resolves.toBe('timeout');
  });
});
