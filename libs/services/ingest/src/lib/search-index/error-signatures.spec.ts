import { ReputationGetReputation } from '@commontrace/contracts';
import { errorSignatures, traceSignatureText } from '@commontrace/domain-search';
import { UseCaseHarness } from '@commontrace/testing';
import { IngestModule } from '../ingest.module';
import { AmendTraceUseCase } from '../usecases/amend-trace/amend-trace.usecase';
import { insertTrace, reputationWith } from '../usecases/spec-fixtures';
import { SubmitTraceUseCase } from '../usecases/submit-trace/submit-trace.usecase';
import { writeErrorSignatures } from './error-signatures';

const PYTHON = 'File "/srv/app/main.py", line 3, in <module>\nModuleNotFoundError: No module named \'requests\'';
const NODE = 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect (node:net:1555:16)';

describe('error signatures written by ingest', () => {
  let h: UseCaseHarness;
  let owner: string;

  const stored = async (traceId: string) =>
    h.query<{ kind: string; signature: string }>(`SELECT kind, signature FROM error_signatures WHERE trace_id = $1 ORDER BY signature`, [traceId]);
  const expected = (text: string) => errorSignatures(text).sort((a, b) => (a.signature < b.signature ? -1 : 1));

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: IngestModule });
    h.fakeOfflineEmbeddings();
    h.fake(ReputationGetReputation.contract, reputationWith(new Map()));
    owner = await h.account('owner');
  });

  afterAll(() => h.close());

  it('writeErrorSignatures makes the rows exactly the signatures of the text, and touches no other trace', async () => {
    const [a, b] = [await insertTrace(h, owner), await insertTrace(h, owner)];
    await writeErrorSignatures(h.dataSource.manager, a, PYTHON);
    await writeErrorSignatures(h.dataSource.manager, b, PYTHON);
    expect(await stored(a)).toEqual([{ kind: 'message', signature: 'modulenotfounderror: no module named <str>' }]);

    await writeErrorSignatures(h.dataSource.manager, a, `${PYTHON}\n${NODE}`);
    expect(await stored(a)).toEqual(expected(`${PYTHON}\n${NODE}`));
    await writeErrorSignatures(h.dataSource.manager, a, NODE);
    expect(await stored(a)).toEqual(expected(NODE));
    await writeErrorSignatures(h.dataSource.manager, a, 'No error here.');
    expect(await stored(a)).toEqual([]);
    expect(await stored(b)).toEqual(expected(PYTHON));
  });

  it('a submitted trace has the signatures of its title and context, not of its solution', async () => {
    const trace = {
      title: 'Compose app gets ECONNREFUSED from Postgres',
      context_text: NODE,
      solution_text: 'Use the service name as host. Otherwise you get TypeError: Cannot read properties of undefined (reading \'query\').',
      tags: ['docker'],
    };
    const { id } = await h.get(SubmitTraceUseCase).execute({ contributor_id: owner, trace });
    expect(await stored(id)).toEqual(expected(traceSignatureText(trace)));
    expect((await stored(id)).map((s) => s.signature)).toEqual(['ECONNREFUSED', 'error: connect econnrefused <addr>']);
  });

  it('an applied amendment that changes the context rewrites them; one that changes only the solution leaves them', async () => {
    const { id } = await h.get(SubmitTraceUseCase).execute({
      contributor_id: owner,
      trace: { title: 'Import fails in the virtualenv', context_text: PYTHON, solution_text: 'Activate .venv and reinstall.', tags: ['python'] },
    });
    const amend = h.get(AmendTraceUseCase);
    const explanation = 'The first report was a different failure.';
    await amend.execute({ trace_id: id, author_id: owner, improved_solution: 'Start Postgres first.', explanation, context_text: NODE });
    expect(await stored(id)).toEqual(expected(traceSignatureText({ title: 'Import fails in the virtualenv', context_text: NODE })));

    // Written behind ingest's back: an amendment that leaves title and context alone does not rewrite the rows.
    await h.query(`DELETE FROM error_signatures WHERE trace_id = $1`, [id]);
    await amend.execute({ trace_id: id, author_id: owner, improved_solution: 'Start Postgres first, then the app.', explanation });
    expect(await stored(id)).toEqual([]);
  });

  it('the rows go with their trace', async () => {
    const id = await insertTrace(h, owner);
    await writeErrorSignatures(h.dataSource.manager, id, NODE);
    await h.query(`DELETE FROM traces WHERE id = $1`, [id]);
    expect(await stored(id)).toEqual([]);
  });
});
