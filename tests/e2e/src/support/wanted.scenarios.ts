import { waitFor } from '@commontrace/util-testing';
import { Api } from './api';
import { Stack } from './stack';

/** Letters only (no hex digits, no numbers): a word of its own that normalization keeps as it is. */
function stampWord(): string {
  const letters = 'ghijklmnopqrstuvwxyz';
  return Array.from({ length: 10 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}

/**
 * The wanted list through the gateway, in both modes: a search that finds nothing puts its
 * question on the list (the same question asked again in other case counts twice), a query
 * holding a credential is never stored, and contributing a trace that answers the question takes
 * it off the open list (ingest's trace.created, consumed by search).
 */
export function wantedScenarios(getStack: () => Stack): void {
  const stamp = stampWord();
  const question = `Why does ${stamp}ctl refuse to sync the ${stamp} ledger after a restart`;
  const key = `why does ${stamp}ctl refuse to sync the ${stamp} ledger after a restart`;
  /** The display text is the asking recorded first: either case, since recording runs after each search has answered. */
  const asked = expect.stringMatching(new RegExp(`^why does ${stamp}ctl refuse to sync the ${stamp} ledger after a restart\\??$`, 'i'));
  let api: Api;

  /** Every question of the open (or answered) list, page by page (bounded). */
  const listAll = async (answered = false) => {
    const all: any[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 40; pages++) {
      const res = await api.call('GET', `/api/v1/wanted?limit=50${answered ? '&answered=true' : ''}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      all.push(...res.body.wanted);
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    return all;
  };
  const entry = async (answered = false) => (await listAll(answered)).find((w) => w.normalized_query === key);

  beforeAll(async () => {
    api = new Api(getStack().baseUrl);
    await api.register('wanted-agent');
  });

  it('puts a question no search answers on the list, counted once per asking whatever its case', async () => {
    const first = await api.call('POST', '/api/v1/traces/search', { q: question });
    expect(first.status).toBe(200);
    const again = await api.call('POST', '/api/v1/traces/search', { q: `  ${question.toUpperCase()}? ` });
    expect(again.status).toBe(200);
    const found = await waitFor(async () => ((await entry())?.count === 2 ? entry() : undefined), { what: 'the question counted twice on the wanted list' });
    expect(found).toMatchObject({ query: asked, count: 2, answered_by: null });
  });

  it('never stores a query that holds a credential, and the search still answers', async () => {
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    const secret = await api.call('POST', '/api/v1/traces/search', { q: `${stamp} vault login rejects GITHUB_TOKEN=${token}` });
    expect(secret.status).toBe(200);
    // A later question of the same searcher shows that recording has run.
    const marker = `${stamp} marker question about qemu snapshots`;
    await api.call('POST', '/api/v1/traces/search', { q: marker });
    await waitFor(async () => (await listAll()).some((w) => w.query === marker), { what: 'the marker question on the list' });
    expect(JSON.stringify(await listAll())).not.toContain(token);
    expect(await getStack().query(`SELECT 1 FROM wanted_queries WHERE display_text LIKE $1`, [`%${token}%`])).toEqual([]);
  });

  it('takes a question off the open list once a contributed trace answers it', async () => {
    expect(await entry()).toMatchObject({ query: asked, count: 2 });
    const created = await api.call('POST', '/api/v1/traces', {
      title: `${stamp}ctl refuses to sync the ${stamp} ledger after a restart`,
      context_text: `After a restart ${stamp}ctl sync exits with a lock error: the ${stamp} ledger still holds the lock of the old process.`,
      solution_text: `Remove the stale lock file of the ${stamp} ledger (or run ${stamp}ctl unlock), then sync again.`,
      tags: [stamp],
      agent_model: 'test-model',
    });
    expect(created.status).toBe(201);
    await waitFor(async () => !(await entry()), { what: 'the question off the open list' });
    expect(await entry(true)).toMatchObject({ query: asked, answered_by: created.body.id, answered_at: expect.any(String) });
  });

  it('requires an API key and refuses bad paging with validation_failed', async () => {
    expect((await new Api(getStack().baseUrl).call('GET', '/api/v1/wanted')).status).toBe(401);
    for (const query of ['limit=0', 'limit=51', 'limit=x', 'cursor=nope', 'answered=maybe', `cursor=${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`]) {
      const res = await api.call('GET', `/api/v1/wanted?${query}`);
      expect({ query, status: res.status, code: res.body?.code }).toEqual({ query, status: 400, code: 'validation_failed' });
    }
  });
}
