import { codeSpans, fixActions } from './fix-actions';

describe('fix actions', () => {
  it('reads fenced blocks and inline code, not the prose around them', () => {
    const text = 'Run `npm ci` first.\n\n```dockerfile\nCOPY package.json ./\n```\nThen rebuild.';
    expect(codeSpans(text)).toBe('npm ci\nCOPY package.json ./');
  });

  it('keeps what the fix brings in and drops what its problem already names', () => {
    const problem = 'serde_json fails: missing field `theme` in struct Profile with #[serde(rename_all = "camelCase")]';
    const solution = 'Give the field a default: `#[serde(default = "default_theme")]`, or wrap it: `Option<String>`.';
    const actions = fixActions(problem, solution);
    expect(actions.has('default_theme')).toBe(true);
    expect(actions.has('rename_all')).toBe(false);
    expect(actions.has('serde')).toBe(false);
  });

  it('finds the same actions in two wordings of the same fix', () => {
    const a = fixActions('npm install fails with ERESOLVE', 'Install with `npm install --legacy-peer-deps`.');
    const b = fixActions('ERESOLVE when installing', 'Pass --legacy-peer-deps to npm install.');
    expect(a.has('-legacy-peer-deps') && b.has('-legacy-peer-deps')).toBe(true);
  });

});
