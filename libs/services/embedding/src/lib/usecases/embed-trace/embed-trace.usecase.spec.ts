import { packFloat32, TraceCreated, TraceEmbedded } from '@commontrace/contracts';
import { hashingEmbed } from '@commontrace/domain-embedding';
import { traceText } from '@commontrace/domain-traces';
import { EventMeta } from '@commontrace/messaging';
import { UseCaseHarness } from '@commontrace/testing';
import { FakeEmbeddingsServer } from '@commontrace/util-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { EmbeddingModule } from '../../embedding.module';
import { EmbeddingModels } from '../../models/embedding-models';
import { EmbeddingUnavailableError } from '../../providers/embedding-provider';
import { EMBED_TRACE_CONSUMER, EmbedTraceUseCase } from './embed-trace.usecase';

const SERVING = 'openai-compatible:fake-embed';
const BUILDING = 'offline-hash-v1';

const meta = (): EventMeta => ({ eventId: randomUUID(), subject: TraceCreated.contract.subject, occurredAt: new Date().toISOString(), attempt: 1 });

describe('EmbedTraceUseCase', () => {
  let server: FakeEmbeddingsServer;
  let h: UseCaseHarness;
  let useCase: EmbedTraceUseCase;
  let contributor: string;

  /** A trace as ingest stores it. */
  async function trace(title: string, context = 'The build fails on CI but not locally.') {
    const [row] = await h.query<{ id: string; title: string; context_text: string; solution_text: string; tags: string[]; content_hash: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
       VALUES ($1, $2, 'Pin the Node version in .nvmrc and in the CI image.', '{ci,node}', $3, $4)
       RETURNING id, title, context_text, solution_text, tags, content_hash`,
      [title, context, contributor, randomBytes(32).toString('hex')],
    );
    return row;
  }

  const created = (t: { id: string; content_hash: string }, embedding?: TraceCreated.TraceVector): TraceCreated.TraceCreatedEvent => ({
    trace_id: t.id,
    contributor_id: contributor,
    content_hash: t.content_hash,
    version: 1,
    embedding,
  });

  async function stored(traceId: string): Promise<Record<string, number[]>> {
    const rows = await h.query<{ model: string; dimensions: number; v: string }>(
      `SELECT model, dimensions, embedding::text AS v FROM trace_embeddings WHERE trace_id = $1`,
      [traceId],
    );
    return Object.fromEntries(rows.map((r) => [r.model, (JSON.parse(r.v) as number[]).slice(0, r.dimensions)]));
  }

  beforeAll(async () => {
    server = await new FakeEmbeddingsServer(64).start();
    h = await UseCaseHarness.start({
      module: EmbeddingModule,
      env: { EMBEDDING_PROVIDER: 'openai', OPENAI_BASE_URL: server.url, EMBEDDING_MODEL: 'fake-embed', EMBEDDING_MAX_RETRIES: '0' },
    });
    useCase = h.get(EmbedTraceUseCase);
    await h.get(EmbeddingModels).registerConfigured(); // serves: the system is fresh
    // A switch of model under way: the offline model is being built beside the serving one.
    await h.query(
      `INSERT INTO embedding_models (model, provider, provider_model, state, building_since) VALUES ($1, 'offline', $1, 'building', now())`,
      [BUILDING],
    );
    contributor = await h.account();
  });
  afterAll(async () => {
    await h?.close();
    await server?.close();
  });
  afterEach(() => {
    server.refuse(undefined);
    server.outage(undefined);
  });

  it('embeds the trace with every active model and stores each vector with its trace.embedded event, once', async () => {
    const t = await trace('Node version differs between CI and laptop');
    const m = meta();
    await useCase.onTraceCreated(created(t), m);
    const vectors = await stored(t.id);
    expect(vectors[SERVING]).toEqual(FakeEmbeddingsServer.vector(traceText(t), 64).map((x) => expect.closeTo(x, 5)));
    expect(vectors[BUILDING]).toEqual(hashingEmbed(traceText(t)).map((x) => expect.closeTo(x, 5)));
    const events = (await h.events<TraceEmbedded.TraceEmbeddedEvent>(TraceEmbedded.contract.subject)).filter((e) => e.data.trace_id === t.id);
    expect(events.map((e) => e.data.model).sort()).toEqual([BUILDING, SERVING].sort());

    // A redelivery of the same event changes nothing.
    const requests = server.requests.length;
    await useCase.onTraceCreated(created(t), m);
    const again = (await h.events<TraceEmbedded.TraceEmbeddedEvent>(TraceEmbedded.contract.subject)).filter((e) => e.data.trace_id === t.id);
    expect(again).toHaveLength(2);
    expect(server.requests.length).toBe(requests + 1); // embedded again before the claim, stored nothing
  });

  it('stores the vector ingest computed for its model without asking the provider, and embeds only for the others', async () => {
    const t = await trace('Jest hangs after the tests finish');
    const vector = FakeEmbeddingsServer.vector('a vector only ingest could have sent', 64);
    const requests = server.requests.length;
    await useCase.onTraceCreated(created(t, { model: SERVING, float32: packFloat32(vector) }), meta());
    expect(server.requests.length).toBe(requests);
    const vectors = await stored(t.id);
    expect(vectors[SERVING]).toEqual(vector.map((x) => expect.closeTo(x, 5)));
    expect(vectors[BUILDING]).toEqual(hashingEmbed(traceText(t)).map((x) => expect.closeTo(x, 5)));
  });

  it('ignores the event\'s vector when the trace changed since, or when it is of a model that is not active', async () => {
    const changed = await trace('Docker layer cache is never reused');
    const stale = FakeEmbeddingsServer.vector('the text before the amendment', 64);
    await useCase.onTraceCreated({ ...created(changed, { model: SERVING, float32: packFloat32(stale) }), content_hash: 'f'.repeat(64) }, meta());
    expect((await stored(changed.id))[SERVING]).toEqual(FakeEmbeddingsServer.vector(traceText(changed), 64).map((x) => expect.closeTo(x, 5)));

    // An event of the shape before float32 (a JSON vector, no float32) carries no usable vector either.
    const older = await trace('npm ci refuses a lockfile from another npm version');
    const legacy = { model: SERVING, vector: stale } as unknown as TraceCreated.TraceVector;
    await useCase.onTraceCreated(created(older, legacy), meta());
    expect((await stored(older.id))[SERVING]).toEqual(FakeEmbeddingsServer.vector(traceText(older), 64).map((x) => expect.closeTo(x, 5)));

    // Bytes that are not whole float32 values are no vector: the provider is asked.
    const torn = await trace('Maven surefire forks hang on exit');
    await useCase.onTraceCreated(created(torn, { model: SERVING, float32: 'AAAA' }), meta());
    expect((await stored(torn.id))[SERVING]).toEqual(FakeEmbeddingsServer.vector(traceText(torn), 64).map((x) => expect.closeTo(x, 5)));

    const other = await trace('Gradle daemon runs out of metaspace');
    await useCase.onTraceCreated(created(other, { model: 'retired-model', float32: packFloat32(stale) }), meta());
    expect(Object.keys(await stored(other.id)).sort()).toEqual([BUILDING, SERVING].sort());
  });

  it('records a text the provider refuses as one failed attempt, and is done with the event', async () => {
    server.refuse((input) => input.includes('REFUSED'));
    const t = await trace('Provider refuses this text', 'REFUSED by the content filter');
    const m = meta();
    await useCase.onTraceCreated(created(t), m);
    expect(Object.keys(await stored(t.id))).toEqual([BUILDING]);
    const failures = await h.query(`SELECT model, attempts, last_error, set_aside_at FROM embedding_failures WHERE trace_id = $1`, [t.id]);
    expect(failures).toEqual([{ model: SERVING, attempts: 1, last_error: expect.stringContaining('400'), set_aside_at: null }]);
    expect(await h.query(`SELECT 1 FROM processed_events WHERE consumer = $1 AND event_id = $2`, [EMBED_TRACE_CONSUMER, m.eventId])).toHaveLength(1);
  });

  it('fails the event while the provider is unavailable, so that it is delivered again', async () => {
    server.outage(503);
    const t = await trace('Provider outage');
    const m = meta();
    await expect(useCase.onTraceCreated(created(t), m)).rejects.toBeInstanceOf(EmbeddingUnavailableError);
    expect(await stored(t.id)).toEqual({});
    expect(await h.query(`SELECT 1 FROM processed_events WHERE event_id = $1`, [m.eventId])).toEqual([]);
    expect(await h.query(`SELECT 1 FROM embedding_failures WHERE trace_id = $1`, [t.id])).toEqual([]);
  });
});
