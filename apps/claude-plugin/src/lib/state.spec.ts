import { mkdtempSync, readdirSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadState, pruneStates, saveState, sessionFile, withSessionLock } from './state';

describe('session state', () => {
  it('keeps every update of hooks that run at the same time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-state-'));
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        withSessionLock(dir, 's', async () => {
          const state = loadState(dir, 's', '/p');
          await new Promise((r) => setTimeout(r, 5));
          state.edits.push(i);
          saveState(dir, state);
        }, 30_000),
      ),
    );
    expect(loadState(dir, 's', '/p').edits.sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('keeps session ids from naming files outside its directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-state-'));
    const state = loadState(dir, '../../etc/passwd', '/p');
    saveState(dir, state);
    expect(readdirSync(join(dir, 'sessions'))).toEqual(['______etc_passwd.json']);
    expect(loadState(dir, '../../etc/passwd', '/p').session_id).toBe('../../etc/passwd');
  });
});

describe('pruneStates', () => {
  it('removes the sessions untouched for a month, keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctp-state-'));
    saveState(dir, loadState(dir, 'old', '/p'));
    saveState(dir, loadState(dir, 'new', '/p'));
    const monthAgo = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    utimesSync(sessionFile(dir, 'old'), monthAgo, monthAgo);
    expect(pruneStates(dir)).toBe(1);
    expect(readdirSync(join(dir, 'sessions'))).toEqual(['new.json']);
  });
});
