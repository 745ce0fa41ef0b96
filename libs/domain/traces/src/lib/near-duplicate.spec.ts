import { DEFAULT_DUPLICATE_THRESHOLDS, duplicateEvidence, duplicateScore, judgeDuplicate, JUDGED_CHARS, traceProfile } from './near-duplicate';

const base = {
  title: 'npm install fails with ERESOLVE after upgrading React to 19',
  context_text: 'Running npm install in a Next.js 14 app after bumping react to 19.0 fails: npm ERR! code ERESOLVE unable to resolve dependency tree',
  solution_text: 'Upgrade react-dom to the same major version with `npm i react-dom@19`, or install with --legacy-peer-deps while the libraries catch up.',
};

const paraphrase = {
  title: 'ERESOLVE unable to resolve dependency tree when upgrading to React 19',
  context_text: 'After upgrading react to 19.0 in our Next.js 14 project, npm install stops with npm ERR! code ERESOLVE.',
  solution_text: 'Bring react-dom to the same major version as react (`npm i react-dom@19`), or use --legacy-peer-deps until the libraries catch up.',
};

describe('judgeDuplicate', () => {
  it('refuses a close paraphrase with the same fix', () => {
    expect(judgeDuplicate(paraphrase, base, 0.9)).toMatchObject({ verdict: 'duplicate' });
  });

  it('ignores candidates below the similarity floor', () => {
    expect(judgeDuplicate(base, base, 0.1)).toMatchObject({ verdict: 'none', reason: 'low_similarity' });
  });

  it('keeps apart an unrelated trace however close its vector', () => {
    const unrelated = { title: 'Rust lifetime error', context_text: 'borrowed value does not live long enough', solution_text: 'clone it' };
    expect(judgeDuplicate(unrelated, base, 0.95)).toMatchObject({ verdict: 'none', reason: 'low_score' });
  });

  it('links, never refuses, the same symptom with another fix', () => {
    const other = { ...base, solution_text: 'Delete package-lock.json and node_modules, clear the npm cache with npm cache clean --force, then reinstall.' };
    const verdict = judgeDuplicate(other, base, 0.8);
    expect(verdict.verdict).not.toBe('duplicate');
  });

  it('never refuses the same problem on another version, and says why', () => {
    const other = { ...paraphrase, context_text: paraphrase.context_text.replace('Next.js 14', 'Next.js 13') };
    expect(judgeDuplicate(other, base, 0.95)).toMatchObject({ verdict: 'related', reason: 'different_versions' });
  });

  it('does not take a file position or an open-ended version for another version', () => {
    const existing = { ...base, context_text: `${base.context_text} The tooling runs on Go 1.21 and Node 20.` };
    const positioned = { ...paraphrase, context_text: `${paraphrase.context_text} The log points at tools/main.go:7:2 (Go 1.21, Node 18+).` };
    expect(duplicateEvidence(positioned, existing, 0.9).differentVersion).toBeUndefined();
    expect(judgeDuplicate(positioned, existing, 0.9)).toMatchObject({ verdict: 'duplicate' });
  });

  it('never refuses a different error in the same area, and says why', () => {
    const other = { ...paraphrase, title: paraphrase.title.replace('ERESOLVE', 'ETARGET'), context_text: paraphrase.context_text.replace('ERESOLVE', 'ETARGET') };
    expect(judgeDuplicate(other, base, 0.95)).toMatchObject({ verdict: 'related', reason: 'different_errors' });
  });

  it('stores as related what is close but not sure enough to refuse', () => {
    const looser = {
      title: 'Dependency tree conflict after moving to React 19',
      context_text: 'npm refuses to install our Next.js 14 app since react went to 19.0 (ERESOLVE).',
      solution_text:
        'Several packages still declare a peer range ending at React 18. Wait for their releases, or add an overrides entry in package.json; upgrade react-dom as well, or install with --legacy-peer-deps.',
    };
    const verdict = judgeDuplicate(looser, base, 0.6);
    expect(verdict.score).toBeGreaterThanOrEqual(DEFAULT_DUPLICATE_THRESHOLDS.related);
    expect(verdict.score).toBeLessThan(DEFAULT_DUPLICATE_THRESHOLDS.duplicate);
    expect(verdict).toMatchObject({ verdict: 'related', reason: 'low_score' });
  });

  it('scores more shared evidence higher, and each penalty lower', () => {
    const evidence = duplicateEvidence(paraphrase, base, 0.8);
    expect(duplicateScore({ ...evidence, solution: 1 })).toBeGreaterThan(duplicateScore({ ...evidence, solution: 0 }));
    expect(duplicateScore({ ...evidence, differentErrors: true })).toBeLessThan(duplicateScore(evidence));
    expect(duplicateScore({ ...evidence, differentVersion: 'react' })).toBeLessThan(duplicateScore(evidence));
  });

  it('scores the same fix higher, and the same title or error with another fix lower', () => {
    const evidence = duplicateEvidence(paraphrase, base, 0.8);
    expect(duplicateScore({ ...evidence, fixActions: 1 })).toBeGreaterThan(duplicateScore({ ...evidence, fixActions: 0.2 }));
    expect(duplicateScore({ ...evidence, fixActions: 0.2, title: 1 })).toBeLessThan(duplicateScore({ ...evidence, fixActions: 0.2, title: 0 }));
    expect(duplicateScore({ ...evidence, fixActions: 0.2, errorTemplates: 1 })).toBeLessThan(duplicateScore({ ...evidence, fixActions: 0.2, errorTemplates: 0 }));
  });

  it('takes a fix given in prose, with no code of its own, as no evidence of another fix', () => {
    const existing = {
      title: 'Docker compose app gets ECONNREFUSED 127.0.0.1:5432 from Postgres',
      context_text: 'The api container fails at start with Error: connect ECONNREFUSED 127.0.0.1:5432 while the db service is up.',
      solution_text: 'Inside compose, localhost is the api container itself. Connect to the db service by its name and wait for its health check.',
    };
    const retold = {
      title: 'ECONNREFUSED 127.0.0.1:5432 from Postgres in a docker compose app',
      context_text: 'At start the api container fails: Error: connect ECONNREFUSED 127.0.0.1:5432, although the db service is up.',
      solution_text: 'In compose, localhost is the api container itself. Connect to the db service by name, and wait for its health check.',
    };
    expect(duplicateEvidence(retold, existing, 0.8).fixActions).toBeGreaterThan(0.8);
    expect(judgeDuplicate(retold, existing, 0.8)).toMatchObject({ verdict: 'duplicate' });
  });

  it('refuses a rewrite in other words when the fix does the same things', () => {
    const rewrite = {
      title: "Can't install deps: React 19 peer conflict in a Next.js 14 repo",
      context_text: 'Since moving the repository to react 19.0, dependency installation in our Next.js 14 folder stops: npm ERR! code ERESOLVE.',
      solution_text: 'Move react-dom to the same major too (`npm i react-dom@19`); until the libraries catch up, pass --legacy-peer-deps.',
    };
    expect(judgeDuplicate(rewrite, base, 0.5)).toMatchObject({ verdict: 'duplicate' });
  });

  it('judges each field on its first JUDGED_CHARS characters, so the work per candidate is bounded', () => {
    const long = (tail: string) => ({
      ...base,
      context_text: base.context_text.padEnd(JUDGED_CHARS, ' filler') + tail,
      solution_text: base.solution_text.padEnd(JUDGED_CHARS, ' filler') + tail,
    });
    const a = long(' ECONNRESET in node_modules/pg/lib/client.js while Node 20 '.repeat(500));
    const b = long(' completely other words about Python 3.12 and TypeError '.repeat(500));
    expect(duplicateEvidence(a, b, 0.9)).toEqual(duplicateEvidence(long(''), long(''), 0.9));
  });
});

describe('traceProfile', () => {
  it('judges from a profile exactly as from the texts it was computed from', () => {
    const a = { title: 'npm ci fails: lockfile out of date', context_text: 'npm ERR! `npm ci` can only install packages when package.json and package-lock.json are in sync (EUSAGE).', solution_text: 'Run `npm install` once, commit package-lock.json, then `npm ci` passes in CI.' };
    const b = { title: 'npm ci refuses to install in CI', context_text: 'EUSAGE: package-lock.json does not match package.json; npm ci stops.', solution_text: 'Regenerate the lockfile with `npm install` and commit it.' };
    for (const similarity of [0.35, 0.6, 0.95]) {
      expect(judgeDuplicate(traceProfile(a), b, similarity)).toEqual(judgeDuplicate(a, b, similarity));
      expect(judgeDuplicate(a, traceProfile(b), similarity)).toEqual(judgeDuplicate(a, b, similarity));
    }
  });
});
