import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VERIFICATION_OUTCOMES as SERVER_OUTCOMES } from '@commontrace/contracts';
import { loadSettings, saveConfig } from './config';
import { VERIFICATION_OUTCOMES } from './verification-outcomes';

describe('settings', () => {
  it('stores the config readable by the user only and layers the environment over it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ctp-')), 'cfg', 'config.json');
    saveConfig(file, { api_key: 'ct_x', auto_verify: false, context_token_budget: 300 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSettings({}, file)).toMatchObject({ api_key: 'ct_x', auto_verify: false, context_token_budget: 300, auto_contribute: false });
    expect(loadSettings({ COMMONTRACE_AUTO_VERIFY: '1', COMMONTRACE_API_KEY: 'ct_env', COMMONTRACE_INJECT_CONTEXT: 'off', COMMONTRACE_API_URL: 'http://h:1/' }, file)).toMatchObject({
      api_key: 'ct_env',
      auto_verify: true,
      inject_context: false,
      api_url: 'http://h:1',
    });
  });

  it('knows the outcomes the server accepts', () => expect([...VERIFICATION_OUTCOMES]).toEqual([...SERVER_OUTCOMES]));
});
