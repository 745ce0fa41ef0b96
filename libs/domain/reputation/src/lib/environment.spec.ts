import { compareVersions, environmentKey, environmentMatches, isNewerEnvironment } from './environment';

describe('environmentKey', () => {
  it('ignores case, spacing and key order, and tells versions apart', () => {
    const a = environmentKey({ language: 'TypeScript', packages: { react: '18.2.0', vite: '5.0.0' }, os: 'linux' });
    const b = environmentKey({ os: ' Linux', packages: { vite: '5.0.0', React: '18.2.0' }, language: 'typescript' });
    expect(a).toBe(b);
    expect(environmentKey({ language: 'typescript', packages: { react: '19.0.0', vite: '5.0.0' }, os: 'linux' })).not.toBe(a);
  });
});

describe('compareVersions', () => {
  it('compares numerically', () => {
    expect(compareVersions('1.10.0', '1.9')).toBe(1);
    expect(compareVersions('v2', '2.0.0')).toBe(0);
    expect(compareVersions('3.1', '3.2-beta')).toBe(-1);
  });
});

describe('environmentMatches', () => {
  const trace = { language: 'python', framework: 'django', versions: { django: '4.2' } };
  it('matches when nothing disagrees', () => {
    expect(environmentMatches(trace, null)).toBe(true);
    expect(environmentMatches(trace, { language: 'Python', packages: { django: '4.1.3' } })).toBe(true);
  });
  it('differs on language, framework or a major version', () => {
    expect(environmentMatches(trace, { language: 'ruby' })).toBe(false);
    expect(environmentMatches(trace, { framework: 'flask' })).toBe(false);
    expect(environmentMatches(trace, { packages: { django: '5.0' } })).toBe(false);
  });
});

describe('isNewerEnvironment', () => {
  it('is newer than every earlier environment on a shared version', () => {
    const earlier = [{ packages: { next: '13.4.0' } }, { packages: { next: '14.0.1' } }];
    expect(isNewerEnvironment({ packages: { next: '15.0.0' } }, earlier)).toBe(true);
    expect(isNewerEnvironment({ packages: { next: '14.0.0' } }, earlier)).toBe(false);
    expect(isNewerEnvironment({ packages: { react: '99' } }, earlier)).toBe(false);
  });
});
