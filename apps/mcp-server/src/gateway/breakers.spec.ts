import { BreakerRegistry } from './breakers';
import { GatewayError } from './gateway-error';

const settings = { volumeThreshold: 2, errorThresholdPercentage: 50, resetTimeoutMs: 50, rollingWindowMs: 10_000, maxKeys: 2 };
const outage = () => Promise.reject(new GatewayError('gateway_unreachable', 'down'));
const refusal = () => Promise.reject(new GatewayError('validation_failed', 'bad', { status: 400 }));

describe('BreakerRegistry', () => {
  let registry: BreakerRegistry;
  const states: string[] = [];
  beforeEach(() => {
    states.length = 0;
    registry = new BreakerRegistry(settings, (s) => states.push(s));
  });
  afterEach(() => registry.shutdown());

  it('opens after repeated outages and then fails at once with circuit_open, without calling', async () => {
    await expect(registry.run('k1', outage)).rejects.toMatchObject({ code: 'gateway_unreachable' });
    await expect(registry.run('k1', outage)).rejects.toMatchObject({ code: 'gateway_unreachable' });
    expect(registry.state('k1')).toBe('open');
    const work = jest.fn(() => Promise.resolve('ok'));
    await expect(registry.run('k1', work)).rejects.toMatchObject({ code: 'circuit_open', extra: { retryAfterSeconds: 1 } });
    expect(work).not.toHaveBeenCalled();
    expect(states).toEqual(['open']);
  });

  it('half-opens after the pause and closes on a success', async () => {
    await expect(registry.run('k1', outage)).rejects.toBeDefined();
    await expect(registry.run('k1', outage)).rejects.toBeDefined();
    await new Promise((r) => setTimeout(r, 80)); // past resetTimeoutMs (50 ms): opossum's own timer
    expect(registry.state('k1')).toBe('half_open');
    await expect(registry.run('k1', () => Promise.resolve('ok'))).resolves.toBe('ok');
    expect(registry.state('k1')).toBe('closed');
    expect(states).toEqual(['open', 'half_open', 'closed']);
  });

  it('does not count refusals (4xx) as failures, and keeps keys apart', async () => {
    for (let i = 0; i < 5; i++) await expect(registry.run('k1', refusal)).rejects.toMatchObject({ code: 'validation_failed' });
    expect(registry.state('k1')).toBe('closed');
    await expect(registry.run('k2', outage)).rejects.toBeDefined();
    await expect(registry.run('k2', outage)).rejects.toBeDefined();
    expect(registry.state('k2')).toBe('open');
    expect(registry.state('k1')).toBe('closed');
  });

  it('keeps at most maxKeys breakers, dropping the least recently used', async () => {
    await expect(registry.run('a', outage)).rejects.toBeDefined();
    await expect(registry.run('a', outage)).rejects.toBeDefined();
    expect(registry.state('a')).toBe('open');
    await registry.run('b', () => Promise.resolve(1));
    await registry.run('c', () => Promise.resolve(1));
    expect(registry.state('a')).toBe('closed'); // dropped: a new breaker starts closed
  });
});
