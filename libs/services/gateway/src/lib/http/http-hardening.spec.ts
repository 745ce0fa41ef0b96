import { corsOptions, EXPOSED_HEADERS } from './http-hardening';

type OriginCallback = (origin: string | undefined, callback: (err: Error | null, allow?: unknown) => void) => void;

function decide(origins: string[], requestOrigin: string | undefined): unknown {
  const options = corsOptions(origins);
  let answer: unknown;
  (options?.origin as OriginCallback)(requestOrigin, (_err, allow) => (answer = allow));
  return answer;
}

describe('corsOptions', () => {
  it('turns CORS off when no origin is configured', () => {
    expect(corsOptions([])).toBeUndefined();
  });

  it('allows exactly the configured origins, without credentials', () => {
    const origins = ['https://app.example.com', 'http://localhost:5173'];
    expect(decide(origins, 'https://app.example.com')).toBe(true);
    expect(decide(origins, 'http://localhost:5173')).toBe(true);
    expect(decide(origins, 'https://app.example.com.evil.net')).toBe(false);
    expect(decide(origins, 'http://app.example.com')).toBe(false);
    expect(decide(origins, 'null')).toBe(false);
    expect(decide(origins, undefined)).toBe(false);
    expect(corsOptions(origins)).toMatchObject({ credentials: false, exposedHeaders: EXPOSED_HEADERS });
  });
});
