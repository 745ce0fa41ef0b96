import { errorMarkers, judgeDuplicate, versions } from './near-duplicate';

const base = {
  title: 'npm install fails with ERESOLVE after upgrading React to 19',
  context_text: 'Running npm install in a Next.js 14 app after bumping react to 19.0 fails: npm ERR! code ERESOLVE unable to resolve dependency tree',
  solution_text: 'Upgrade react-dom to the same major version, or install with --legacy-peer-deps while the libraries catch up.',
};

describe('judgeDuplicate', () => {
  it('accepts a close paraphrase', () => {
    const paraphrase = {
      title: 'ERESOLVE unable to resolve dependency tree when upgrading to React 19',
      context_text: 'After upgrading react to 19.0 in our Next.js 14 project, npm install stops with npm ERR! code ERESOLVE.',
      solution_text: 'Bring react-dom to the same major version as react, or use --legacy-peer-deps until the libraries catch up.',
    };
    expect(judgeDuplicate(paraphrase, base, 0.9)).toMatchObject({ duplicate: true });
  });

  it('keeps apart traces below the similarity or overlap thresholds', () => {
    expect(judgeDuplicate(base, base, 0.3)).toMatchObject({ duplicate: false, reason: 'low_similarity' });
    const unrelated = { title: 'Rust lifetime error', context_text: 'borrowed value does not live long enough', solution_text: 'clone it' };
    expect(judgeDuplicate(unrelated, base, 0.95)).toMatchObject({ duplicate: false, reason: 'low_overlap' });
  });

  it('keeps apart the same symptom with another fix', () => {
    const other = { ...base, solution_text: 'Delete package-lock.json and node_modules, clear the npm cache with npm cache clean --force, then reinstall.' };
    expect(judgeDuplicate(other, base, 0.9)).toMatchObject({ duplicate: false, reason: 'different_solutions' });
  });

  it('keeps apart the same problem on another version', () => {
    const other = { ...base, title: base.title.replace('19', '18'), context_text: base.context_text.replace('19.0', '18.2').replace('14', '13') };
    expect(judgeDuplicate(other, base, 0.97)).toMatchObject({ duplicate: false, reason: 'different_versions' });
  });

  it('keeps apart a different error in the same area', () => {
    const other = { ...base, context_text: base.context_text.replace('ERESOLVE', 'ETARGET'), title: base.title.replace('ERESOLVE', 'ETARGET') };
    expect(judgeDuplicate(other, base, 0.97)).toMatchObject({ duplicate: false, reason: 'different_errors' });
  });

  it('extracts versions and error markers', () => {
    expect([...versions('node v20.11.1 and python 3.12, not 1.x')]).toEqual(['20.11', '3.12']);
    expect([...errorMarkers('ERR_REQUIRE_ESM then ECONNREFUSED, a TypeError and TS2307')].sort()).toEqual(
      ['ECONNREFUSED', 'ERR_REQUIRE_ESM', 'TS2307', 'TypeError'].sort(),
    );
  });
});
