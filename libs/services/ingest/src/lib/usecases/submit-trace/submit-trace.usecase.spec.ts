import { lexicalPostings } from '@commontrace/domain-search';
import { DomainError, EmbeddingEmbedTexts, ErrorCode, packFloat32, TraceCreated } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { TraceText, traceText } from '@commontrace/domain-traces';
import { foldAllLexicalStatistics, lexicalStatistics, toVectorLiteral } from '@commontrace/persistence';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../../ingest.module';
import { SERVING_MODEL_MEMORY_MS } from '../../duplicates/duplicate-finder';
import { SubmitTraceUseCase } from './submit-trace.usecase';

const trace = {
  title: 'Jest cannot find module after switching to path aliases',
  context_text: 'After adding "paths" to tsconfig, jest fails with Cannot find module @app/util from src/index.spec.ts.',
  solution_text: 'Jest does not read tsconfig paths: map them in moduleNameMapper, for example with pathsToModuleNameMapper from ts-jest.',
  tags: ['jest', 'typescript'],
};

describe('SubmitTraceUseCase', () => {
  let h: UseCaseHarness;
  let submit: SubmitTraceUseCase;
  let contributor: string;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    h.fakeOfflineEmbeddings();
    submit = h.get(SubmitTraceUseCase);
    contributor = await h.account();
  });

  afterAll(() => h.close());

  it('stores the trace pending, with its trace.created event in the same transaction', async () => {
    const reply = await submit.execute({ contributor_id: contributor, trace });
    expect(reply).toMatchObject({ status: 'pending', redactions: [] });
    const [row] = await h.query(`SELECT title, contributor_id, status, language FROM traces WHERE id = $1`, [reply.id]);
    expect(row).toEqual({ title: trace.title, contributor_id: contributor, status: 'pending', language: 'typescript' });
    const events = await h.events<{ trace_id: string }>(TraceCreated.contract.subject);
    expect(events.map((e) => e.data.trace_id)).toEqual([reply.id]);
    // Indexed for lexical search in the same transaction: its postings, and its document uncounted,
    // which readers of the statistics count in until the fold (after the commit) adds it.
    const postings = await h.query<{ term: string; tf: number }>(`SELECT term, tf FROM lexical_postings WHERE trace_id = $1`, [reply.id]);
    const expected = lexicalPostings(trace);
    expect(new Map(postings.map((p) => [p.term, p.tf]))).toEqual(new Map(expected.terms.map((t, i) => [t, expected.tfs[i]])));
    const totals = () => h.query(`SELECT documents::int AS documents, total_length FROM lexical_totals`);
    expect(await totals()).toEqual([{ documents: 0, total_length: 0 }]);
    const seen = await lexicalStatistics(h.dataSource, expected.terms);
    expect({ documents: seen.documents, length: seen.totalLength }).toEqual({ documents: 1, length: expected.length });
    expect([...seen.df.values()].every((df) => df === 1)).toBe(true);
    expect(await foldAllLexicalStatistics(h.dataSource)).toBe(1);
    expect(await totals()).toEqual([{ documents: 1, total_length: expected.length }]);
  });

  it('refuses an exact duplicate with the existing trace, and stores nothing', async () => {
    const before = await h.query(`SELECT count(*)::int AS n FROM traces`);
    const error = await submit.execute({ contributor_id: contributor, trace }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.DuplicateTrace);
    expect(await h.query(`SELECT count(*)::int AS n FROM traces`)).toEqual(before);
  });

  it('stores a forced duplicate linked duplicate_of the existing one', async () => {
    const reply = await submit.execute({ contributor_id: contributor, trace: { ...trace, force: true } });
    expect(reply.duplicate_of).toBeDefined();
    const links = await h.query(`SELECT target_id, kind FROM trace_links WHERE source_id = $1`, [reply.id]);
    expect(links).toEqual([{ target_id: reply.duplicate_of, kind: 'duplicate_of' }]);
  });

  it('refuses a copy of a hidden trace, even forced, without naming it', async () => {
    const hiddenTrace = {
      title: 'Docker build cache busted by a timestamp file',
      context_text: 'Every docker build reinstalls dependencies although package.json did not change; a build-info file is copied first.',
      solution_text: 'Copy package.json and the lockfile alone before npm ci, and copy the generated build-info file after it.',
      tags: ['docker'],
    };
    const { id } = await submit.execute({ contributor_id: contributor, trace: hiddenTrace });
    await h.query(`UPDATE traces SET status = 'hidden' WHERE id = $1`, [id]);
    const before = await h.query(`SELECT count(*)::int AS n FROM traces`);
    for (const force of [false, true]) {
      const error = (await submit.execute({ contributor_id: contributor, trace: { ...hiddenTrace, force } }).catch((e) => e)) as DomainError;
      expect(error.code).toBe(ErrorCode.DuplicateTrace);
      expect(error.extra.details).toBeUndefined();
      expect(error.message).not.toContain(id);
    }
    expect(await h.query(`SELECT count(*)::int AS n FROM traces`)).toEqual(before);
  });

  describe('near duplicates: the verdict decides', () => {
    const count = async () => (await h.query<{ n: number }>(`SELECT count(*)::int AS n FROM traces`))[0].n;
    // What the embedding service does after trace.created: store the vector of every trace.
    const embedStored = async () => {
      const rows = await h.query<{ id: string; title: string; context_text: string; solution_text: string; tags: string[]; content_hash: string }>(
        `SELECT id, title, context_text, solution_text, tags, content_hash FROM traces t
          WHERE NOT EXISTS (SELECT 1 FROM trace_embeddings e WHERE e.trace_id = t.id)`,
      );
      for (const row of rows) {
        await h.query(
          `INSERT INTO trace_embeddings (trace_id, model, provider, dimensions, embedding, content_hash) VALUES ($1, $2, 'offline', $3, $4::vector, $5)`,
          [row.id, HASHING_MODEL_ID, HASHING_DIMENSIONS, toVectorLiteral(hashingEmbed(traceText(row))), row.content_hash],
        );
      }
    };
    beforeAll(embedStored);
    // The trace stored above, and its forced copy: either may be the nearest.
    const existingIds = async () => (await h.query<{ id: string }>(`SELECT id FROM traces WHERE title = $1`, [trace.title])).map((r) => r.id);

    it('refuses a paraphrase with the same fix, naming the existing trace, and stores nothing', async () => {
      const existing = await existingIds();
      const before = await count();
      const paraphrase = {
        title: 'Path aliases from tsconfig break Jest: Cannot find module @app/util',
        context_text: 'Jest fails with Cannot find module @app/util from src/index.spec.ts since we added "paths" to tsconfig.json.',
        solution_text: 'Jest ignores tsconfig paths; map them in moduleNameMapper, e.g. pathsToModuleNameMapper from ts-jest.',
        tags: ['jest'],
      };
      const error = (await submit.execute({ contributor_id: contributor, trace: paraphrase }).catch((e) => e)) as DomainError;
      expect(error.code).toBe(ErrorCode.DuplicateTrace);
      expect(error.extra.details).toMatchObject({ existing_title: trace.title });
      expect(existing).toContain(error.extra.details?.['existing_id']);
      expect(await count()).toBe(before);
    });

    it('stores a close trace whose evidence is not strong enough, linked related, and says so', async () => {
      const existing = await existingIds();
      const close = {
        title: 'Jest cannot find module @app/util in a monorepo package',
        context_text: 'Jest fails with Cannot find module @app/util from src/index.spec.ts in packages/web; the alias is declared in the root tsconfig paths.',
        solution_text:
          'Jest does not read tsconfig paths, and in a monorepo each package has its own rootDir: map the alias in moduleNameMapper relative to the root, e.g. <rootDir>/../../libs/util/src.',
        tags: ['jest'],
      };
      const reply = await submit.execute({ contributor_id: contributor, trace: close });
      expect(reply.status).toBe('pending');
      expect(existing).toContain(reply.related_to);
      expect(reply.duplicate_of).toBeUndefined();
      const links = await h.query(`SELECT target_id, kind, created_by FROM trace_links WHERE source_id = $1`, [reply.id]);
      expect(links).toEqual([{ target_id: reply.related_to, kind: 'related', created_by: contributor }]);
    });

    it('stores an unrelated trace with no link', async () => {
      const reply = await submit.execute({
        contributor_id: contributor,
        trace: {
          title: 'Vitest reports no tests found in a pnpm workspace',
          context_text: 'vitest run prints No test files found, exiting with code 1, in packages/api.',
          solution_text: 'Our files are named *.check.ts, which the default include glob misses. Set test.include in vitest.config.ts.',
          tags: ['vitest'],
        },
      });
      expect(reply.related_to).toBeUndefined();
      expect(reply.duplicate_of).toBeUndefined();
      expect(await h.query(`SELECT kind FROM trace_links WHERE source_id = $1`, [reply.id])).toEqual([]);
    });
  });

  it('refuses a credential before anything is stored, naming the kind and the field', async () => {
    const before = await h.query(`SELECT count(*)::int AS n FROM traces`);
    const secret = { ...trace, title: 'Deploy fails', solution_text: 'export GITHUB_TOKEN=ghp_' + 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A' };
    const error = (await submit.execute({ contributor_id: contributor, trace: secret }).catch((e) => e)) as DomainError;
    expect(error.code).toBe(ErrorCode.SecretDetected);
    expect(error.extra.details).toEqual({ findings: [{ field: 'solution_text', kind: 'github_token' }] });
    expect(await h.query(`SELECT count(*)::int AS n FROM traces`)).toEqual(before);
  });

  it('replaces personal data and says what it replaced', async () => {
    const reply = await submit.execute({
      contributor_id: contributor,
      trace: {
        title: 'SSH agent forwarding lost inside tmux',
        context_text: 'Inside tmux on /home/marta/work, ssh to 203.0.113.42 asks for a password again.',
        solution_text: 'Refresh SSH_AUTH_SOCK in tmux: set update-environment to include SSH_AUTH_SOCK, then reattach.',
        tags: ['ssh', 'tmux'],
      },
    });
    expect(reply.redactions).toEqual([
      { field: 'context_text', kind: 'home_directory_user', count: 1 },
      { field: 'context_text', kind: 'ip_address', count: 1 },
    ]);
    const [row] = await h.query<{ context_text: string }>(`SELECT context_text FROM traces WHERE id = $1`, [reply.id]);
    expect(row.context_text).toBe('Inside tmux on /home/[user]/work, ssh to [ip] asks for a password again.');
  });

  it('redacts personal data in metadata_json like the texts, and reports it under metadata_json', async () => {
    const reply = await submit.execute({
      contributor_id: contributor,
      trace: {
        title: 'pg_dump fails with server version mismatch',
        context_text: 'pg_dump: error: aborting because of server version mismatch (server 16.2, pg_dump 15.6).',
        solution_text: 'Run the pg_dump of the server major version: install postgresql-client-16 and call /usr/lib/postgresql/16/bin/pg_dump.',
        tags: ['postgresql'],
        metadata_json: { reporter: 'jane.doe@acme.io', hosts: ['203.0.113.42', 'db.internal'], os: 'ubuntu 22.04', language: 'shell' },
      },
    });
    expect(reply.redactions).toEqual([
      { field: 'metadata_json', kind: 'email', count: 1 },
      { field: 'metadata_json', kind: 'ip_address', count: 1 },
    ]);
    const [row] = await h.query<{ metadata: unknown; language: string }>(`SELECT metadata, language FROM traces WHERE id = $1`, [reply.id]);
    expect(row).toEqual({
      metadata: { reporter: '[email]', hosts: ['[ip]', 'db.internal'], os: 'ubuntu 22.04', language: 'shell' },
      language: 'shell',
    });
  });

  it('refuses a credential in the tags, naming the tags field', async () => {
    const before = await h.query(`SELECT count(*)::int AS n FROM traces`);
    const error = (await submit
      .execute({ contributor_id: contributor, trace: { ...trace, title: 'GitLab CI cannot pull', tags: ['gitlab', 'glpat-qt1nvveiwmqmcvfzbjco'] } })
      .catch((e) => e)) as DomainError;
    expect(error.code).toBe(ErrorCode.SecretDetected);
    expect(error.extra.details).toEqual({ findings: [{ field: 'tags', kind: 'gitlab_token' }] });
    expect(await h.query(`SELECT count(*)::int AS n FROM traces`)).toEqual(before);
  });

  it('stores documentation with placeholder credentials and tool defaults', async () => {
    const reply = await submit.execute({
      contributor_id: contributor,
      trace: {
        title: 'Prisma cannot reach the staging database from CI',
        context_text: 'DATABASE_URL=postgresql://user:pass@staging-host/db works locally; the compose file uses postgres://postgres:postgres@db:5432/app.',
        solution_text: "Pass the URL from the CI secret store: password: ${{ secrets.DB_PASSWORD }}, and read it with process.env.DATABASE_URL; key = f'rl:{api_key}' stays as it is.",
        tags: ['prisma', 'ci'],
      },
    });
    expect(reply.status).toBe('pending');
  });
});

describe('SubmitTraceUseCase with a scan budget', () => {
  let h: UseCaseHarness;
  let submit: SubmitTraceUseCase;
  let contributor: string;

  beforeAll(async () => {
    // 250 ms: far more than a contribution of ordinary size needs, far less than the text below.
    h = await UseCaseHarness.start({ module: IngestModule, env: { SCAN_BUDGET_MS: '250' } });
    h.fakeOfflineEmbeddings();
    submit = h.get(SubmitTraceUseCase);
    contributor = await h.account();
  });

  afterAll(() => h.close());

  it('refuses a text that takes longer to scan with 422 content_too_complex, and keeps serving', async () => {
    // Validation would refuse a text this long; the use case is called directly to pass it. The
    // scanner is linear, so this takes seconds, over the budget whatever the machine's load.
    const huge = { ...trace, title: 'Huge context', context_text: 'sk-'.repeat(4_000_000) };
    const error = (await submit.execute({ contributor_id: contributor, trace: huge }).catch((e) => e)) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe(ErrorCode.ContentTooComplex);
    expect(error.status).toBe(422);
    expect(error.extra.details).toEqual({ budget_ms: 250 });
    expect(await h.query(`SELECT count(*)::int AS n FROM traces`)).toEqual([{ n: 0 }]);

    // The worker that ran over was replaced; the next contributions are scanned and stored.
    const replies = await Promise.all(
      ['first', 'second', 'third'].map((n) =>
        submit.execute({ contributor_id: contributor, trace: { ...trace, title: `${trace.title} (${n})`, context_text: `${trace.context_text} Mail ${n}@acme.io.` } }),
      ),
    );
    expect(replies.map((r) => r.redactions)).toEqual(replies.map(() => [{ field: 'context_text', kind: 'email', count: 1 }]));
  }, 30_000);
  it('puts the vector of its duplicate check into trace.created, so the text is embedded once', async () => {
    const asked: string[][] = [];
    h.fake(EmbeddingEmbedTexts.contract, ({ texts }) => {
      asked.push(texts);
      return { model: HASHING_MODEL_ID, dimensions: HASHING_DIMENSIONS, vectors: texts.map((t) => hashingEmbed(t)) };
    });
    // Past what earlier contributions taught the finder about the serving model.
    const realNow = Date.now.bind(Date);
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + SERVING_MODEL_MEMORY_MS + 1000);
    try {
      const contribute = (n: string) =>
        submit.execute({
          contributor_id: contributor,
          trace: {
            title: `Gradle cannot find the company artifact ${n}`,
            context_text: `Could not find com.acme:billing-core-${n}:3.0.1 while resolving compileClasspath.`,
            solution_text: 'Add the company Nexus repository to dependencyResolutionManagement, with credentials from gradle.properties.',
            tags: ['gradle', 'java'],
          },
        });
      // The first asks the embedding service; it names the offline model, so the second is computed in process.
      const replies = [await contribute('one'), await contribute('two')];
      expect(asked).toHaveLength(1);
      const events = await h.events<TraceCreated.TraceCreatedEvent>(TraceCreated.contract.subject);
      for (const reply of replies) {
        const [stored] = await h.query<TraceText & { tags: string[] }>(`SELECT title, context_text, solution_text, tags FROM traces WHERE id = $1`, [reply.id]);
        const event = events.find((e) => e.data.trace_id === reply.id);
        expect(event?.data.embedding).toEqual({ model: HASHING_MODEL_ID, float32: packFloat32(hashingEmbed(traceText(stored))) });
      }
    } finally {
      clock.mockRestore();
    }
  });
});
