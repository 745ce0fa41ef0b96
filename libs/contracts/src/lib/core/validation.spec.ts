import { IsEmail } from 'class-validator';
import { DomainError } from './errors';
import { createValidationPipe, findInvalidCharacters, invalidCharacter } from './validation';
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
    expect(invalidCharacter('tab\there\r\nok')).toBeUndefined();
    expect(invalidCharacter('a\u0000b')).toEqual({ index: 1, problem: 'a control character U+0000' });
    expect(invalidCharacter('\u001f')).toEqual({ index: 0, problem: 'a control character U+001F' });
    expect(invalidCharacter('bell\u0007')?.index).toBe(4);
    expect(invalidCharacter('DEL \u007f, é, ☃ and 🙂 are text')).toBeUndefined();
  });

  it('finds unpaired surrogates, which are not Unicode text', () => {
    expect(invalidCharacter('ok \ud83d\ude42 pair')).toBeUndefined();
    expect(invalidCharacter('high \ud800 alone')).toEqual({ index: 5, problem: 'an unpaired surrogate U+D800' });
    expect(invalidCharacter('\udc00 low first')).toEqual({ index: 0, problem: 'an unpaired surrogate U+DC00' });
    expect(invalidCharacter('ends high \ud83d')?.index).toBe(10);
  });

  it('names each field, nested values and keys included', () => {
    const errors = findInvalidCharacters({
      title: 'a\u0000',
      tags: ['ok', 'b\u0001'],
      metadata_json: { os: 'linux\u000b', deep: { list: [{ x: '\u0008' }] }, 'k\u0000ey': 1 },
      fine: 'multi\nline\ttext',
    });
    expect(errors.map((e) => e.field).sort()).toEqual(
      ['title', 'tags.1', 'metadata_json', 'metadata_json.os', 'metadata_json.deep.list.0.x'].sort(),
    );
    expect(errors.find((e) => e.field === 'title')?.message).toBe('must not contain a control character U+0000 (at position 1)');
    expect(errors.find((e) => e.field === 'metadata_json')?.message).toBe('key "k\\u0000ey" must not contain a control character U+0000');
  });

  it('walks a payload nested far deeper than the stack allows, in one pass', () => {
    let deep: unknown = 'end\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const errors = findInvalidCharacters({ metadata_json: deep });
    expect(errors).toHaveLength(1);
    expect(errors[0].field.startsWith('metadata_json.0.0.')).toBe(true);
  });
});

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();

  it('refuses a control character in a REST body or bus payload with validation_failed naming the field', async () => {
    const rest = await refusal(pipe.transform({ ...valid, context_text: 'x\u0000y' }, { type: 'body', metatype: TraceInput }));
    expect(rest.code).toBe('validation_failed');
    expect(rest.extra.errors).toEqual([{ field: 'context_text', message: 'must not contain a control character U+0000 (at position 1)' }]);
    const bus = await refusal(
      pipe.transform(
        { contributor_id: '6f1c1b9e-2f57-4a49-9a7e-2b0b8a1c9d11', trace: { ...valid, metadata_json: { note: '\u0002' } } },
        { type: 'body', metatype: SubmitTraceRequest },
      ),
    );
    expect(bus.extra.errors?.map((e) => e.field)).toEqual(['trace.metadata_json.note']);
  });

  it('refuses an unpaired surrogate in metadata_json keys and values, which jsonb cannot store', async () => {
    const error = await refusal(pipe.transform({ ...valid, metadata_json: { k: '\ud800', '\udc00': 'x' } }, { type: 'body', metatype: TraceInput }));
    expect(error.code).toBe('validation_failed');
    expect(error.extra.errors).toEqual([
      { field: 'metadata_json', message: 'key "\\udc00" must not contain an unpaired surrogate U+DC00' },
      { field: 'metadata_json.k', message: 'must not contain an unpaired surrogate U+D800 (at position 0)' },
    ]);
  });

  it('checks nested objects such as a search context and names a path parameter by its name', async () => {
    const search = await refusal(pipe.transform({ q: 'ok', context: { cwd: '/tmp\u001b[0m' } }, { type: 'body', metatype: QueryTracesRequest }));
    expect(search.extra.errors?.map((e) => e.field)).toEqual(['context.cwd']);
    const param = await refusal(pipe.transform('abc\u0000', { type: 'param', data: 'id', metatype: String }));
    expect(param.extra.errors?.map((e) => e.field)).toEqual(['id']);
  });

  it('lets clean text through unchanged', async () => {
    const out = (await pipe.transform({ ...valid, solution_text: 'line one\nline two\ttab' }, { type: 'body', metatype: TraceInput })) as TraceInput;
    expect(out).toBeInstanceOf(TraceInput);
    expect(out.solution_text).toBe('line one\nline two\ttab');
  });

  it('checks the text before any class rule, so no validator sees it (isEmail throws on a lone surrogate)', async () => {
    const error = await refusal(pipe.transform({ title: '\u0000', extra: 'x\u0001' }, { type: 'body', metatype: TraceInput }));
    expect(error.extra.errors?.map((e) => e.field)).toEqual(['title', 'extra']);
    class WithEmail {
      @IsEmail()
      email: string;
    }
    const email = await refusal(pipe.transform({ email: 'a\ud83d@example.com' }, { type: 'body', metatype: WithEmail }));
    expect(email.extra.errors).toEqual([{ field: 'email', message: 'must not contain an unpaired surrogate U+D83D (at position 1)' }]);
  });
});
