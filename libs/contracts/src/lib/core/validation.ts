import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainError, ErrorCode, FieldError } from './errors';

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(e.children ?? [], field)];
  });
}

/** The `validation_failed` error for a list of field errors. */
export function validationFailed(fields: FieldError[]): DomainError {
  return new DomainError(
    ErrorCode.ValidationFailed,
    fields.length ? fields.map((f) => `${f.field}: ${f.message}`).join('; ') : 'Invalid payload',
    { errors: fields },
  );
}

/**
 * C0 control characters other than tab, line feed and carriage return. PostgreSQL cannot store
 * NUL in text or jsonb, and none of the others belongs in a trace, a tag or a name.
 */
export function isForbiddenControlCharacter(code: number): boolean {
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first character of the text that is refused, and why: a forbidden control character, or
 * an unpaired UTF-16 surrogate (not Unicode text; PostgreSQL's jsonb refuses it). Linear.
 */
export function invalidCharacter(text: string): { index: number; problem: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isForbiddenControlCharacter(code)) return { index: i, problem: `a control character ${codePoint(code)}` };
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else return { index: i, problem: `an unpaired surrogate ${codePoint(code)}` };
    }
  }
  return undefined;
}

/** A key as a path segment: as it is, or JSON-escaped when it holds a refused character. */
function segment(key: string): string {
  return invalidCharacter(key) ? JSON.stringify(key) : key;
}

/**
 * Every string of a payload, values and object keys at any depth (arrays, `metadata_json`,
 * search `context`), that holds a refused character, as one field error each:
 * `metadata_json.os`, `tags.2`. The walk is iterative and visits each value once, so its cost
 * is linear in the payload and no nesting can overflow the stack.
 */
export function findInvalidCharacters(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const queue: [unknown, string][] = [[value, root]];
  const seen = new Set<object>();
  for (let next = 0; next < queue.length; next++) {
    const [v, field] = queue[next];
    if (typeof v === 'string') {
      const bad = invalidCharacter(v);
      if (bad) errors.push({ field: field || 'body', message: `must not contain ${bad.problem} (at position ${bad.index})` });
    } else if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      for (const [key, child] of Object.entries(v)) {
        const bad = invalidCharacter(key);
        if (bad) errors.push({ field: field || 'body', message: `key ${JSON.stringify(key)} must not contain ${bad.problem}` });
        queue.push([child, field ? `${field}.${segment(key)}` : segment(key)]);
      }
    }
  }
  return errors;
}

/**
 * One rule for every text in the payload, wherever it is nested, before any class rule sees it:
 * no control characters and no unpaired surrogates (refused, never stripped). It runs first
 * because some validators throw on such text (validator.js's isEmail on a lone surrogate).
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom') {
      const errors = findInvalidCharacters(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (errors.length) throw validationFailed(errors);
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe for REST bodies and bus payloads: the same rules and the same error. */
export function createValidationPipe(): ValidationPipe {
  return new ContractValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => validationFailed(flattenValidationErrors(errors)),
  });
}
