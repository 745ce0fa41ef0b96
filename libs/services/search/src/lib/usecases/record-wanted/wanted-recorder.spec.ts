import { SearchOutcome } from '@commontrace/domain-search';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { SearchModule } from '../../search.module';
import { MAX_RECORDINGS_IN_FLIGHT, WantedRecorder } from './wanted-recorder';

const NONE: SearchOutcome = { resultCount: 0 };
const STRONG: SearchOutcome = { resultCount: 3, top: { lexicalRank: 1, termCoverage: 1 } };
const WEAK: SearchOutcome = { resultCount: 3, top: { lexicalRank: 4, termCoverage: 0.2 } };

interface Row {
  normalized_query: string;
  display_text: string;
  terms: string[];
  count: number;
  searchers: number;
}

describe('WantedRecorder (real PostgreSQL and the content guard scan pool)', () => {
  let h: UseCaseHarness;
  let recorder: WantedRecorder;
  const rows = () => h.query<Row>(`SELECT normalized_query, display_text, terms, count,
            (SELECT count(*)::int FROM wanted_query_searchers s WHERE s.wanted_id = w.id) AS searchers
       FROM wanted_queries w ORDER BY first_seen_at, id`);
  const rowOf = async (key: string) => (await rows()).find((r) => r.normalized_query === key);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    recorder = h.get(WantedRecorder);
  });
  afterAll(() => h.close());

  it('records a zero-result question once and counts the same question asked again in other case and spacing', async () => {
    expect(await recorder.record('Terraform  state lock stuck on DynamoDB', NONE)).toBe('recorded');
    expect(await recorder.record('terraform state LOCK stuck on dynamodb?', NONE)).toBe('recorded');
    const row = await rowOf('terraform state lock stuck on dynamodb');
    expect(row).toMatchObject({ display_text: 'Terraform state lock stuck on DynamoDB', count: 2 });
    expect(row?.terms).toEqual(expect.arrayContaining(['terraform', 'dynamodb']));
    expect(row?.terms).toEqual([...(row?.terms ?? [])].sort());
  });

  it('records a low-confidence search and leaves a well-answered or wordless one out', async () => {
    expect(await recorder.record('grpc deadline exceeded behind envoy sidecar', WEAK)).toBe('recorded');
    expect(await recorder.record('redis cluster resharding hangs', STRONG)).toBe('answered_well');
    expect(await recorder.record('   ', NONE)).toBe('no_words');
    expect(await recorder.record(undefined, NONE)).toBe('no_words');
    expect(await recorder.record('?!', NONE)).toBe('no_words');
    expect(await rowOf('grpc deadline exceeded behind envoy sidecar')).toMatchObject({ count: 1 });
    expect(await rowOf('redis cluster resharding hangs')).toBeUndefined();
  });

  it('aggregates questions that differ only in numbers, ids and paths', async () => {
    await recorder.record('EADDRINUSE port 3000 in /home/ana/app/server.js', NONE);
    await recorder.record('EADDRINUSE port 8080 in /srv/www/api/index.js', NONE);
    expect(await rowOf('eaddrinuse port <n> in <path>')).toMatchObject({ count: 2, display_text: expect.stringContaining('EADDRINUSE port 3000') });
  });

  it('never stores a query that holds a credential, in any form', async () => {
    const before = await rows();
    const token = 'ghp_' + 'Zx8Qw2Er4Ty6Ui8Op0As2Df4Gh6Jk8Lz1Xc9';
    expect(await recorder.record(`why does GITHUB_TOKEN=${token} get rejected by the api`, NONE)).toBe('secret');
    const after = await rows();
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).not.toContain(token);
  });

  it('replaces personal data before it is stored, in the text and in the key', async () => {
    expect(await recorder.record('smtp relay rejects mail from ana.lopez@acme-corp.io with 550', NONE)).toBe('recorded');
    const stored = JSON.stringify(await rows());
    expect(stored).not.toContain('ana.lopez');
    expect(stored).toContain('smtp relay rejects mail from [email] with 550');
  });

  it('counts distinct searchers once each, as a hash, never their ids', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await recorder.record('bazel remote cache misses on ci', NONE, a);
    await recorder.record('bazel remote cache misses on CI', NONE, a);
    await recorder.record('Bazel remote cache misses on CI!', NONE, b);
    await recorder.record('bazel remote cache misses on ci', NONE);
    expect(await rowOf('bazel remote cache misses on ci')).toMatchObject({ count: 4, searchers: 2 });
    const hashes = await h.query<{ searcher_hash: string }>(`SELECT searcher_hash FROM wanted_query_searchers`);
    expect(hashes).toHaveLength(2);
    expect(JSON.stringify(hashes)).not.toContain(a);
  });

  it('counts every asking when the same new question arrives many times at once', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => recorder.record(`Flyway checksum mismatch ${i % 2 ? 'AFTER' : 'after'} rebase`, NONE)));
    expect(results.every((r) => r === 'recorded')).toBe(true);
    expect(await rowOf('flyway checksum mismatch after rebase')).toMatchObject({ count: 12 });
  });

  it('records at most MAX_RECORDINGS_IN_FLIGHT at once and drops the rest, without failing', async () => {
    const burst = await Promise.all(Array.from({ length: MAX_RECORDINGS_IN_FLIGHT + 4 }, () => recorder.record('sbt dependency resolution loops forever', NONE)));
    expect(burst.filter((r) => r === 'busy')).toHaveLength(4);
    expect(await rowOf('sbt dependency resolution loops forever')).toMatchObject({ count: MAX_RECORDINGS_IN_FLIGHT });
  });

  it('resolves (never rejects) when the database fails, and logs instead', async () => {
    await h.query(`ALTER TABLE wanted_queries RENAME TO wanted_queries_away`);
    try {
      await expect(recorder.record('nix flake lock fails offline', NONE)).resolves.toBe('failed');
    } finally {
      await h.query(`ALTER TABLE wanted_queries_away RENAME TO wanted_queries`);
    }
  });
});
