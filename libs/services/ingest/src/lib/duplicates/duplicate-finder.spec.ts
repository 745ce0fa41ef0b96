import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../ingest.module';
import { DuplicateFinder, SERVING_MODEL_MEMORY_MS } from './duplicate-finder';

const existing = {
  title: 'Docker compose app gets ECONNREFUSED 127.0.0.1:5432 from Postgres',
  context_text: 'The api container fails at start with Error: connect ECONNREFUSED 127.0.0.1:5432 while the db service is up.',
  solution_text: 'Inside compose, localhost is the api container itself. Connect to the db service by its name and wait for its health check.',
  tags: ['docker', 'postgresql'],
};

/** The same problem told again by another agent: other wording, the same error, the same fix. */
const retold = {
  title: 'ECONNREFUSED 127.0.0.1:5432 from Postgres in a docker compose app',
  context_text: 'At start the api container fails: Error: connect ECONNREFUSED 127.0.0.1:5432, although the db service is up.',
  solution_text: 'In compose, localhost is the api container itself. Connect to the db service by name, and wait for its health check.',
};

describe('DuplicateFinder', () => {
  let h: UseCaseHarness;
  let finder: DuplicateFinder;
  let existingId: string;

  async function store(t: typeof existing, status = 'pending'): Promise<string> {
    const contributor = await h.account();
    const [row] = await h.query<{ id: string }>(
      `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [t.title, t.context_text, t.solution_text, t.tags, contributor, contentHash(t), status],
    );
    // The vector the embedding service stores for it.
    await h.query(
      `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
       VALUES ($1, $2, 'offline', $3, $4, $5)`,
      [row.id, HASHING_MODEL_ID, HASHING_DIMENSIONS, toVectorLiteral(hashingEmbed(traceText(t))), contentHash(t)],
    );
    return row.id;
  }

  const nearest = (trace: typeof retold) =>
    h.dataSource.transaction((m) => finder.nearest(m, trace, { model: HASHING_MODEL_ID, vector: hashingEmbed(traceText(trace)) }));

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    h.fakeOfflineEmbeddings();
    finder = h.get(DuplicateFinder);
    existingId = await store(existing);
    // Neighbours that must not be taken for it: an unrelated trace, and a hidden copy that is even closer.
    await store({
      title: 'Rust error[E0502]: cannot borrow as mutable',
      context_text: 'Pushing into a vector while holding a reference into it.',
      solution_text: 'Clone the element first.',
      tags: ['rust'],
    });
    await store({ ...existing, title: `${retold.title}.`, context_text: retold.context_text, solution_text: retold.solution_text }, 'hidden');
  });

  afterAll(() => h.close());

  it('finds the existing trace that a retold contribution duplicates, with its similarity', async () => {
    const match = await nearest(retold);
    expect(match).toMatchObject({ id: existingId, title: existing.title, verdict: 'duplicate' });
    expect(match?.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('finds nothing for a different problem, though some trace is always the nearest', async () => {
    const different = {
      title: 'Vite cannot resolve the @ alias',
      context_text: 'Failed to resolve import "@/components/App" from src/main.tsx.',
      solution_text: 'Declare the alias in vite.config.ts under resolve.alias.',
    };
    expect(await nearest(different)).toBeUndefined();
  });

  it('asks for the vector of the text it checks, and gives it back for the trace.created event', async () => {
    expect(await finder.embed(existing)).toEqual({ model: HASHING_MODEL_ID, vector: hashingEmbed(traceText(existing)) });
  });

  it('computes the vector itself while the serving model is the offline one, and asks again after SERVING_MODEL_MEMORY_MS', async () => {
    let asked = 0;
    let model = HASHING_MODEL_ID;
    h.fake(EmbeddingEmbedTexts.contract, ({ texts }) => {
      asked += 1;
      return { model, dimensions: HASHING_DIMENSIONS, vectors: texts.map((t) => hashingEmbed(t)) };
    });
    let offset = SERVING_MODEL_MEMORY_MS + 1000;
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    try {
      expect(await finder.embed(existing)).toEqual({ model: HASHING_MODEL_ID, vector: hashingEmbed(traceText(existing)) });
      expect(await finder.embed(retold)).toEqual({ model: HASHING_MODEL_ID, vector: hashingEmbed(traceText(retold)) });
      expect(asked).toBe(1);
      // Another model is promoted: once the memory has run out, the service is asked and its model used.
      model = 'openai:text-embedding-3-small';
      offset += SERVING_MODEL_MEMORY_MS + 1000;
      expect(await finder.embed(retold)).toEqual({ model, vector: hashingEmbed(traceText(retold)) });
      expect(await finder.embed(retold)).toMatchObject({ model });
      expect(asked).toBe(3);
    } finally {
      clock.mockRestore();
    }
  });
});
