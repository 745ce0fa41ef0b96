import fc from 'fast-check';
import { contextFactor, normalizeOs, readEnvironment, traceEnvironment } from './context-factor';
import { DEFAULT_RANKING_WEIGHTS } from './ranking-weights';

const w = DEFAULT_RANKING_WEIGHTS.context;
const reactTrace = {
  language: 'typescript',
  framework: 'react',
  tags: ['react', 'hooks'],
  metadata: { os: 'linux', versions: { react: '>=18 <19', node: '20.11' } },
};

describe('contextFactor', () => {
  it('is neutral without a context, or when the trace says nothing', () => {
    expect(contextFactor(undefined, reactTrace)).toEqual({ multiplier: 1, checks: [] });
    expect(contextFactor('react please', reactTrace).multiplier).toBe(1);
    const unknown = contextFactor({ language: 'go', versions: { go: '1.22' }, os: 'linux' }, { tags: [], metadata: {} });
    expect(unknown.multiplier).toBe(1);
    expect(unknown.checks.map((c) => c.outcome)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('sinks a trace whose declared range excludes the searcher’s version, and lifts one whose range holds it', () => {
    const outside = contextFactor({ versions: { react: '19.0' } }, reactTrace);
    const inside = contextFactor({ versions: { react: '18.2' } }, reactTrace);
    expect(outside.checks).toEqual([{ key: 'versions.react', searcher: '19.0', trace: '>=18 <19', outcome: 'outside_range', multiplier: w.versionOutsideRange }]);
    expect(outside.multiplier).toBeLessThan(1);
    expect(inside.multiplier).toBeGreaterThan(1);
    expect(contextFactor({ packages: { typescript: '4.9' } }, { metadata: { environment: { packages: { typescript: '^5.0' } } } }).checks[0].outcome).toBe('outside_range');
  });

  it('reads top-level versions of the searcher’s context, like { node: "20.11", react: "18.2" }', () => {
    const r = contextFactor({ node: '20.11', react: '18.2', note: 'hello', editor: 'vim' }, reactTrace);
    expect(r.checks.map((c) => [c.key, c.outcome])).toEqual([
      ['versions.node', 'same_major'],
      ['versions.react', 'inside_range'],
    ]);
    expect(r.multiplier).toBeCloseTo(w.match.version ** 2, 10);
  });

  it('sinks mildly for another language; another major of a bare version is no evidence against a trace', () => {
    const python = contextFactor({ language: 'python' }, reactTrace);
    expect(python.checks[0]).toMatchObject({ outcome: 'mismatch', multiplier: w.mismatch.language });
    expect(python.multiplier).toBeGreaterThanOrEqual(0.8);
    expect(python.multiplier).toBeLessThan(1);
    expect(contextFactor({ versions: { node: '18.19' } }, reactTrace).checks[0]).toMatchObject({ outcome: 'other_major', multiplier: w.versionOtherMajor });
    // A trace that says where it was seen does not rank below one that says nothing.
    expect(contextFactor({ versions: { node: '18.19' } }, reactTrace).multiplier).toBe(contextFactor({ versions: { node: '18.19' } }, { tags: ['react'] }).multiplier);
  });

  it('matches languages by alias and tags, treats typescript and javascript as kin', () => {
    expect(contextFactor({ language: 'ts' }, reactTrace).checks[0].outcome).toBe('match');
    expect(contextFactor({ language: 'javascript' }, reactTrace).checks[0]).toMatchObject({ outcome: 'kin', multiplier: 1 });
    expect(contextFactor({ language: 'rust' }, { tags: ['rust', 'cargo'] }).checks[0].outcome).toBe('match');
    expect(contextFactor({ framework: 'react' }, { framework: 'next.js', tags: ['react'] }).checks[0].outcome).toBe('match');
    expect(contextFactor({ framework: 'vue' }, { framework: 'react' }).checks[0].outcome).toBe('mismatch');
  });

  it('compares operating systems by family and runtimes by name, reading a runtime’s version', () => {
    expect(contextFactor({ os: 'Ubuntu 22.04' }, reactTrace).checks[0].outcome).toBe('match');
    expect(contextFactor({ os: 'macOS 14' }, reactTrace).checks[0].outcome).toBe('mismatch');
    expect(normalizeOs('darwin')).toBe('macos');
    expect(normalizeOs('Windows 11'.toLowerCase())).toBe('windows');
    const env = readEnvironment({ runtime: 'node 20.11' });
    expect(env.runtime).toBe('node');
    expect(env.versions.get('node')).toBe('20.11');
  });

  it('counts a verification that worked on the searcher’s major as a match, over the declared range', () => {
    const trace = { ...reactTrace, verified_environments: [{ versions: { react: '19.1.0' } }] };
    expect(contextFactor({ versions: { react: '19.0' } }, trace).checks[0]).toMatchObject({ outcome: 'verified', multiplier: w.match.version });
    expect(contextFactor({ versions: { react: '17.0' } }, trace).checks[0].outcome).toBe('outside_range');
  });

  it('takes the trace’s columns before its metadata', () => {
    expect(traceEnvironment({ language: 'go', metadata: { language: 'python', environment: { framework: 'gin', os: 'linux' } } })).toMatchObject({
      language: 'go',
      framework: 'gin',
      os: 'linux',
    });
  });

  it('never reads inherited names as aliases', () => {
    const r = contextFactor({ language: 'constructor', framework: '__proto__', os: 'tostring' }, { language: 'constructor', framework: 'toString', metadata: { os: 'hasownproperty' } });
    expect(r.checks.map((c) => [c.key, c.outcome])).toEqual([
      ['language', 'match'],
      ['framework', 'mismatch'],
      ['os', 'mismatch'],
    ]);
  });

  it('reads a bounded number of entries from a huge context', () => {
    const huge = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`pkg${i}`, '1.0.0']));
    expect(readEnvironment(huge, true).versions.size).toBeLessThanOrEqual(32);
    expect(contextFactor({ versions: huge }, { metadata: { versions: huge } }).checks.length).toBeLessThanOrEqual(32);
  });

  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const versionish = fc.oneof(fc.constantFrom('18', '20.11', '^5.0', '>=18 <21', '~1.2', '1.x', 'latest', '', '0.4'), fc.string({ maxLength: 12 }));
  const envArb = fc.record(
    {
      language: fc.constantFrom('typescript', 'python', 'go', 'js', ''),
      framework: fc.constantFrom('react', 'vue', 'django', ''),
      os: fc.constantFrom('linux', 'ubuntu', 'windows', 'macos'),
      versions: fc.dictionary(fc.constantFrom('node', 'react', 'typescript', 'go'), versionish),
    },
    { requiredKeys: [] },
  );

  it('property: always in [floor, max] and each check’s multiplier positive, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(envArb, anyJson), fc.oneof(envArb, anyJson), fc.array(fc.constantFrom('react', 'python', 'linux'), { maxLength: 3 }), (ctx, md, tags) => {
        const metadata = typeof md === 'object' && md !== null && !Array.isArray(md) ? (md as Record<string, unknown>) : {};
        const r = contextFactor(ctx, { language: 'typescript', framework: null, tags, metadata });
        expect(r.multiplier).toBeGreaterThanOrEqual(w.floor);
        expect(r.multiplier).toBeLessThanOrEqual(w.max);
        for (const c of r.checks) expect(c.multiplier).toBeGreaterThan(0);
      }),
    );
  });
});
