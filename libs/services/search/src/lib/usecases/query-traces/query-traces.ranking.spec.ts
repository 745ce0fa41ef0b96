import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { emptyTrustSummary } from '@commontrace/domain-reputation';
import { traceText } from '@commontrace/domain-traces';
import { toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { randomUUID } from 'node:crypto';
import { SearchModule } from '../../search.module';
import { QueryTracesUseCase, SPECULATIVE_PAGE_MAX_RUNNING } from './query-traces.usecase';

/** The re-rank as the use case applies it, against the real PostgreSQL: trust, near-identical vectors, filtered pages. */
describe('QueryTracesUseCase ranking', () => {
  let h: UseCaseHarness;
  let search: QueryTracesUseCase;
  let owner: string;

  /** A trace as ingest and the embedding service would leave it: row, offline vector, lexical postings. */
  const trace = async (t: { title: string; context_text: string; solution_text: string; tags: string[] }): Promise<string> => {
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
       VALUES ($1, $2, $3, $4, $5, md5(random()::text) || md5(random()::text)) RETURNING id`,
      [t.title, t.context_text, t.solution_text, t.tags, owner],
    );
    await h.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       VALUES ($1, $2, 'offline', $3, $4, md5(random()::text) || md5(random()::text))`,
      [row.id, HASHING_MODEL_ID, HASHING_DIMENSIONS, toVectorLiteral(hashingEmbed(traceText(t)))],
    );
    await h.indexLexically();
    return row.id;
  };

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    h.fakeOfflineEmbeddings();
    search = h.get(QueryTracesUseCase);
    owner = await h.account('owner');
  }, 60_000);
  afterAll(() => h.close());

  it('sinks a trace that did not work for many agents below an otherwise equal one, and explains why', async () => {
    const tag = `t${randomUUID().slice(0, 8)}`;
    // The failing one matches the query a little better: without the trust factor it would lead.
    const failing = await trace({
      title: 'Gradle build runs out of heap memory on the CI runner during the test task',
      context_text: 'The CI job dies with java.lang.OutOfMemoryError: Java heap space while gradle runs the tests.',
      solution_text: 'Raise org.gradle.jvmargs to -Xmx4g in gradle.properties.',
      tags: [tag],
    });
    const working = await trace({
      title: 'Gradle build runs out of heap memory on the CI runner',
      context_text: 'The pipeline stops with java.lang.OutOfMemoryError: Java heap space in the test step of gradle.',
      solution_text: 'Give the test JVMs their own heap: test { maxHeapSize = "2g" } and keep the daemon small.',
      tags: [tag],
    });
    const q = 'gradle OutOfMemoryError heap space during the test task on CI';
    const hybrid = await search.execute({ q, tags: [tag], mode: 'hybrid' });
    expect(hybrid.results.map((r) => r.id)).toEqual([failing, working]);

    await h.query(`INSERT INTO trace_scores (trace_id, summary, buried) VALUES ($1, $2, false)`, [
      failing,
      JSON.stringify({
        ...emptyTrustSummary(),
        not_enough_evidence: false,
        label: 'disputed',
        score: 0.1,
        evidence: 10,
        positive: 1,
        negative: 9,
        independent_agents: 10,
        verifications: { worked_as_written: 1, worked_with_changes: 0, did_not_work: 9 },
        weighted_verifications: { worked_as_written: 1, worked_with_changes: 0, did_not_work: 9 },
      }),
    ]);
    const ranked = await search.execute({ q, tags: [tag], explain: true });
    expect(ranked.results.map((r) => r.id)).toEqual([working, failing]);
    const [first, second] = ranked.results;
    expect(second.explanation?.factors?.['trust'].value).toBeLessThan(0.6);
    expect(first.explanation?.factors?.['trust'].value).toBe(1);
    expect(second.explanation?.final).toBeCloseTo(second.score, 5);
  });

  it('shows a successor that no retriever found in its superseded trace’s place, with its own rows', async () => {
    const tag = `t${randomUUID().slice(0, 8)}`;
    const old = await trace({
      title: 'Webpack 4 build fails with digital envelope routines unsupported on Node 17',
      context_text: 'Error: error:0308010C:digital envelope routines::unsupported while webpack hashes the chunks.',
      solution_text: 'Run node with --openssl-legacy-provider until webpack is upgraded.',
      tags: [tag],
    });
    // Shares no word with the query: only the supersedes link brings it to the page, so its rows were not read beside the ordering.
    const successor = await trace({
      title: 'Upgrade the bundler instead of the legacy OpenSSL flag',
      context_text: 'Moving to version five removes the MD4 hashing that newer runtimes refuse.',
      solution_text: 'Bump to the current major and drop NODE_OPTIONS from the scripts.',
      tags: [tag],
    });
    await h.query(`UPDATE traces SET status = 'superseded', superseded_by = $2 WHERE id = $1`, [old, successor]);
    const found = await search.execute({ q: 'digital envelope routines unsupported webpack', tags: [tag] });
    expect(found.results.map((r) => [r.id, r.replaces ?? null])).toEqual([[successor, old]]);
    expect(found.results[0].title).toBe('Upgrade the bundler instead of the legacy OpenSSL flag');
    expect(found.results[0].snippet).toContain('version five');
  });

  it('answers the same pages to searches run side by side as to one at a time (no page read beside the ordering under load)', async () => {
    const tag = `t${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 4; i++) {
      await trace({
        title: `Jest test ${i} times out waiting for an open handle`,
        context_text: `Jest did not exit one second after the test run has completed; case ${i} keeps a socket open.`,
        solution_text: `Close the server in afterAll (case ${i}) or run with --detectOpenHandles to find it.`,
        tags: [tag],
      });
    }
    const request = { q: 'jest did not exit open handle after the test run', tags: [tag], limit: 2 };
    const alone = await search.execute(request);
    expect(alone.results).toHaveLength(2);
    const together = await Promise.all(Array.from({ length: SPECULATIVE_PAGE_MAX_RUNNING + 3 }, () => search.execute(request)));
    for (const answer of together) expect(answer).toEqual(alone);
  });

  it('collapses traces with near-identical vectors that nobody linked into one result', async () => {
    const tag = `t${randomUUID().slice(0, 8)}`;
    const text = {
      title: 'Kafka consumer group rebalances in a loop after a deploy',
      context_text: 'Consumers keep rejoining the group; the logs show the poll interval was exceeded before each rebalance.',
      solution_text: 'Lower max.poll.records or raise max.poll.interval.ms so one batch is handled within the interval.',
      tags: [tag],
    };
    const copies = [await trace(text), await trace(text)];
    const other = await trace({ ...text, title: 'Kafka producer times out on send', context_text: 'TimeoutException: Expiring records for the topic', solution_text: 'Raise delivery.timeout.ms.' });
    const reply = await search.execute({ q: 'kafka consumer group keeps rebalancing', tags: [tag] });
    const ids = reply.results.map((r) => r.id);
    expect(ids.filter((id) => copies.includes(id))).toHaveLength(1);
    expect(reply.results.find((r) => copies.includes(r.id))?.stands_for).toBe(2);
    expect(ids).toContain(other);
    // Without the re-rank (mode hybrid) nothing collapses.
    const fused = await search.execute({ q: 'kafka consumer group keeps rebalancing', tags: [tag], mode: 'hybrid' });
    expect(fused.results.filter((r) => copies.includes(r.id))).toHaveLength(2);
  });

  it('fills a filtered page although most of the matches (more than a retriever returns) lack the tag', async () => {
    const common = `c${randomUUID().slice(0, 8)}`;
    const rare = `r${randomUUID().slice(0, 8)}`;
    // Distinct setups, so that no two traces are near-identical (they would collapse into one).
    const words =
      'nginx traefik caddy docker compose kubernetes ingress vagrant wsl macos windows linux chrome firefox safari electron tauri storybook monorepo pnpm yarn turborepo vitest cypress playwright sass tailwind typescript babel swc proxy certificate cookie header port tunnel vpn container volume'.split(' ');
    const pick = (i: number, n: number) => Array.from({ length: n }, (_, k) => words[(i * 17 + k * k * 7 + k * 3) % words.length]).join(' ');
    for (let i = 0; i < 150; i += 1) {
      await trace({
        title: `Webpack hot reload stops with ${pick(i, 3)}`,
        context_text: `${pick(i + 100, 12)}: the websocket closes. ${pick(i + 200, 12)}.`,
        solution_text: `${pick(i + 300, 14)}.`,
        tags: [common, ...(i % 25 === 0 ? [rare] : [])],
      });
    }
    const reply = await search.execute({ q: 'webpack hot reload stops websocket closes', tags: [rare], limit: 5 });
    expect(reply.results).toHaveLength(5);
    expect(reply.results.every((r) => r.tags.includes(rare))).toBe(true);
    expect(reply.next_cursor).toEqual(expect.any(String));
    const rest = await search.execute({ q: 'webpack hot reload stops websocket closes', tags: [rare], limit: 5, cursor: reply.next_cursor as string });
    expect(rest.results).toHaveLength(1);
    expect(rest.next_cursor).toBeNull();
  }, 60_000);
});
