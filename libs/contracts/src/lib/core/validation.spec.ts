import { DomainError } from './errors';
import { controlCharacterIndex, createValidationPipe, findControlCharacters } from './validation';
import { TraceInput } from '../traces/trace-input';
import { QueryTracesRequest } from '../search/query-traces/query-traces';
import { SubmitTraceRequest } from '../ingest/submit-trace/submit-trace';

const valid = { title: 'Fix ECONNREFUSED', context_text: 'npm install fails', solution_text: 'Set the proxy' };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describe('control characters', () => {
  it('finds C0 controls but allows tab, line feed and carriage return', () => {
    expect(controlCharacterIndex('tab\there\r\nok')).toBe(-1);
    expect(controlCharacterIndex('a\u0000b')).toBe(1);
    expect(controlCharacterIndex('\u001f')).toBe(0);
    expect(controlCharacterIndex('bell\u0007')).toBe(4);
    expect(controlCharacterIndex('DEL \u007f and é ☃ 🙂 are text')).toBe(-1);
  });

  it('names each field, nested values and keys included', () => {
    const errors = findControlCharacters({
      title: 'a\u0000',
      tags: ['ok', 'b\u0001'],
      metadata_json: { os: 'linux\u000b', deep: { list: [{ x: '\u0008' }] }, 'k\u0000ey': 1 },
      fine: 'multi\nline\ttext',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['title', 'tags.1', 'metadata_json', 'metadata_json.os', 'metadata_json.deep.list.0.x'].sort(),
    );
    expect(errors.find((e) => e.field === 'title')?.message).toBe('must not contain control characters (U+0000 at position 1)');
    expect(errors.find((e) => e.field === 'metadata_json')?.message).toBe('key "k\\u0000ey" must not contain control characters (U+0000)');
  });

  it('walks a payload nested far deeper than the stack allows, in one pass', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const errors = findControlCharacters({ metadata_json: deep });
    expect(errors).toHaveLength(1);
    expect(errors[0].field.startsWith('metadata_json.0.0.')).toBe(true);
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('refuses a control character in a REST body or bus payload with validation_failed naming the field', async () => {
    const rest = await refusal(pipe.transform({ ...valid, context_text: 'x\u0000y' }, { type: 'body', metatype: TraceInput }));
    expect(rest.code).toBe('validation_failed');
    expect(rest.extra.errors).toEqual([{ field: 'context_text', message: 'must not contain control characters (U+0000 at position 1)' }]);
    const bus = await refusal(
      pipe.transform(
        { contributor_id: '6f1c1b9e-2f57-4a49-9a7e-2b0b8a1c9d11', trace: { ...valid, metadata_json: { note: '\u0002' } } },
        { type: 'body', metatype: SubmitTraceRequest },
      ),
    );
    expect(bus.extra.errors?.map((e) => e.field)).toEqual(['trace.metadata_json.note']);
  });

  it('checks nested objects such as a search context and names a path parameter by its name', async () => {
    const search = await refusal(pipe.transform({ q: 'ok', context: { cwd: '/tmp\u001b[0m' } }, { type: 'body', metatype: QueryTracesRequest }));
    expect(search.extra.errors?.map((e) => e.field)).toEqual(['context.cwd']);
    const param = await refusal(pipe.transform('abc\u0000', { type: 'param', data: 'id', metatype: String }));
    expect(param.extra.errors?.map((e) => e.field)).toEqual(['id']);
  });

  it('ignores fields the whitelist strips and lets clean text through unchanged', async () => {
    const out = (await pipe.transform({ ...valid, unknown: '\u0000', solution_text: 'line one\nline two\ttab' }, { type: 'body', metatype: TraceInput })) as TraceInput;
    expect(out).toBeInstanceOf(TraceInput);
    expect(out.solution_text).toBe('line one\nline two\ttab');
    expect(out).not.toHaveProperty('unknown');
  });

  it('reports class rules before the control-character rule', async () => {
    const error = await refusal(pipe.transform({ title: '\u0000' }, { type: 'body', metatype: TraceInput }));
    expect(error.extra.errors?.map((e) => e.field).sort()).toEqual(['context_text', 'solution_text']);
  });
});
