import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { contentHash, traceText } from '@commontrace/domain-traces';
import { toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { SearchModule } from '../../search.module';
import { QUERY_MODEL_MEMORY_MS, QueryTracesUseCase } from './query-traces.usecase';

/** Traces with the real error messages agents paste into a search. */
const TRACES: Record<string, { title: string; context_text: string; solution_text: string; tags: string[] }> = {
  npmGlobal: {
    title: 'npm install -g fails with EACCES on a root-owned prefix',
    context_text: 'npm ERR! code EACCES\nnpm ERR! syscall mkdir\nnpm ERR! path /usr/local/lib/node_modules/typescript',
    solution_text: 'Point the npm prefix at ~/.npm-global, which the user owns, and add its bin folder to PATH. Do not use sudo.',
    tags: ['npm', 'node'],
  },
  tsAlias: {
    title: "TS2307: Cannot find module '@app/util' after adding a path alias",
    context_text: "tsc fails: error TS2307: Cannot find module '@app/util' or its corresponding type declarations.",
    solution_text: 'The package tsconfig overrides "paths" without the alias. Extend the base config and keep one paths block.',
    tags: ['typescript'],
  },
  rustBorrow: {
    title: 'Rust error[E0502]: cannot borrow vector as mutable because it is also borrowed as immutable',
    context_text: 'error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable, while pushing in a loop over a reference.',
    solution_text: 'Clone the element (or keep an index) before calling push, so no reference lives across the mutation.',
    tags: ['rust'],
  },
  pgRefused: {
    title: 'Docker compose app gets ECONNREFUSED 127.0.0.1:5432 from Postgres',
    context_text: 'Error: connect ECONNREFUSED 127.0.0.1:5432 when the app container starts next to the db service.',
    solution_text: 'Inside compose, localhost is the app container itself. Use the service name db as the host and wait for its health check.',
    tags: ['postgresql', 'docker'],
  },
  pythonModule: {
    title: "Python ModuleNotFoundError: No module named 'requests' inside the virtualenv",
    context_text: 'File "app/main.py", line 3, in <module>\n    import requests\nModuleNotFoundError: No module named \'requests\'',
    solution_text: 'The package went to the system interpreter. Activate .venv and install with python -m pip install requests.',
    tags: ['python'],
  },
  macGrep: {
    title: "Pre-commit hook fails on macOS: grep: invalid option -- 'P'",
    context_text: "grep: invalid option -- 'P'\nusage: grep [-abcdDEFGHhIiJLlMmnOopqRSsUVvwXxZz] in the lint-staged hook.",
    solution_text: 'BSD grep has no Perl patterns. Use grep -E with a POSIX expression, or ggrep from GNU grep.',
    tags: ['git', 'macos'],
  },
};

type Name = keyof typeof TRACES;

describe('QueryTracesUseCase', () => {
  let h: UseCaseHarness;
  let search: QueryTracesUseCase;
  const ids = {} as Record<Name, string>;
  const nameOf = (id: string) => (Object.keys(ids) as Name[]).find((n) => ids[n] === id);

  /** The traces the full-text retriever found, best first. */
  async function lexical(q: string): Promise<(Name | undefined)[]> {
    const reply = await search.execute({ q, limit: 50, mode: 'lexical' });
    return reply.results.map((r) => nameOf(r.id));
  }

  /** The model the faked embedding service answers with: its vectors are the offline ones under either id. */
  let servingModel = HASHING_MODEL_ID;
  const SEMANTIC_MODEL = 'semantic-test-model';
  let embedRequests = 0;
  /** Moves the clock past the search's memory of the query vector's model. */
  let clockOffset = 0;
  const realNow = Date.now.bind(Date);
  const forgetQueryModel = () => (clockOffset += QUERY_MODEL_MEMORY_MS + 1000);

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: SearchModule });
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + clockOffset);
    h.fake(EmbeddingEmbedTexts.contract, ({ texts }) => {
      embedRequests += 1;
      return { model: servingModel, dimensions: HASHING_DIMENSIONS, vectors: texts.map((t) => hashingEmbed(t)) };
    });
    search = h.get(QueryTracesUseCase);
    const contributor = await h.account();
    // Ingest writes traces and the embedding service their vectors; here they are stored directly.
    for (const name of Object.keys(TRACES) as Name[]) {
      const t = TRACES[name];
      const [row] = await h.query<{ id: string }>(
        `INSERT INTO traces (title, context_text, solution_text, tags, contributor_id, content_hash)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [t.title, t.context_text, t.solution_text, t.tags, contributor, contentHash(t)],
      );
      ids[name] = row.id;
      for (const model of [HASHING_MODEL_ID, SEMANTIC_MODEL]) {
        await h.query(
          `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash)
           VALUES ($1, $2, 'offline', $3, $4, $5)`,
          [row.id, model, HASHING_DIMENSIONS, toVectorLiteral(hashingEmbed(traceText(t))), contentHash(t)],
        );
      }
    }
    await h.indexLexically();
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  it('finds the trace of each real error message first, by its words and by its vector', async () => {
    const queries: [string, Name][] = [
      ['npm ERR! code EACCES npm ERR! syscall mkdir', 'npmGlobal'],
      ["error TS2307: Cannot find module '@app/util'", 'tsAlias'],
      ['error[E0502]: cannot borrow `items` as mutable', 'rustBorrow'],
      ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'pgRefused'],
      ['File "app/main.py", line 3: ModuleNotFoundError: No module named \'requests\'', 'pythonModule'],
      ["grep: invalid option -- 'P'", 'macGrep'],
    ];
    for (const [q, expected] of queries) {
      const reply = await search.execute({ q });
      expect({ q, first: nameOf(reply.results[0]?.id) }).toEqual({ q, first: expected });
      // CommonTrace v1: the query searched for, and how many results the page holds.
      expect({ query: reply.query, total: reply.total }).toEqual({ query: q, total: reply.results.length });
      // The offline embedder's vectors weigh 0 in fusion: ranked search does not run them.
      expect(reply.retrievers).toEqual(['lexical']);
      const byVector = await search.execute({ q, mode: 'vector' });
      expect({ q, first: nameOf(byVector.results[0]?.id) }).toEqual({ q, first: expected });
      expect(byVector.retrievers).toEqual(['vector']);
    }
  });

  it('asks for no query vector while the serving model is known to weigh 0, and asks again once that is old', async () => {
    const q = 'Error: connect ECONNREFUSED 127.0.0.1:5432';
    forgetQueryModel();
    const asked = () => embedRequests;
    const before = asked();
    await search.execute({ q });
    expect(asked()).toBe(before + 1);
    await search.execute({ q });
    await search.execute({ q, mode: 'hybrid' });
    expect(asked()).toBe(before + 1);
    // The vector mode always runs its one retriever.
    const byVector = await search.execute({ q, mode: 'vector' });
    expect(byVector.retrievers).toEqual(['vector']);
    expect(asked()).toBe(before + 2);
    forgetQueryModel();
    await search.execute({ q });
    expect(asked()).toBe(before + 3);
  });

  it('fuses the vector list when the query vector is of a model that weighs in fusion', async () => {
    servingModel = SEMANTIC_MODEL;
    forgetQueryModel();
    try {
      const q = 'Error: connect ECONNREFUSED 127.0.0.1:5432';
      for (const mode of ['ranked', 'hybrid'] as const) {
        const reply = await search.execute({ q, mode, explain: true });
        expect(reply.retrievers).toEqual(['lexical', 'vector']);
        expect(reply.results[0]).toMatchObject({ id: ids.pgRefused, explanation: { lexical_rank: 1, vector_rank: 1 } });
      }
    } finally {
      servingModel = HASHING_MODEL_ID;
    }
  });

  it('reads a minus as a word: "npm install -g fails" does not mean "anything without g"', async () => {
    const found = await lexical('npm install -g fails');
    expect(found[0]).toBe('npmGlobal');
    // Traces that share no word with the query are not full-text matches (with "-g" read as NOT g, they all were).
    expect(found).not.toContain('rustBorrow');
    expect(found).not.toContain('pgRefused');
  });

  it('gives the same answer whatever operator characters surround the words', async () => {
    const cases: [string, string][] = [
      ['npm & install | -g !fails', 'npm install -g fails'],
      ["!(TS2307 | Cannot) & find <-> module:* '@app/util'", 'TS2307 Cannot find module @app/util'],
      ['"connect ECONNREFUSED" 5432 | -docker & !compose', 'connect ECONNREFUSED 5432 docker compose'],
      ["grep: invalid option -- 'P' ) ( :* <->", 'grep invalid option P'],
    ];
    for (const [withOperators, words] of cases) {
      expect({ q: withOperators, found: await lexical(withOperators) }).toEqual({ q: withOperators, found: await lexical(words) });
    }
  });

  it('answers a query made only of operators with no full-text match, not an error', async () => {
    const reply = await search.execute({ q: `! | & <-> :* ( ) ' " -`, mode: 'lexical' });
    expect(reply.results).toEqual([]);
  });

  it('takes vector candidates from the shared nearest-neighbour query, within the tag filter', async () => {
    const reply = await search.execute({ q: 'app container cannot connect to the db service on localhost', tags: ['docker'], mode: 'vector', explain: true });
    expect(reply.results.map((r) => nameOf(r.id))).toEqual(['pgRefused']);
    expect(reply.results[0].explanation?.vector_rank).toBe(1);
  });
});
