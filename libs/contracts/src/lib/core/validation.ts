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

/** The index of the first forbidden control character in the text, or -1. */
export function controlCharacterIndex(text: string): number {
  for (let i = 0; i < text.length; i++) if (isForbiddenControlCharacter(text.charCodeAt(i))) return i;
  return -1;
}

function codePoint(text: string, index: number): string {
  return `U+${text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A key as a path segment: as it is, or JSON-escaped when it holds a control character. */
function segment(key: string): string {
  return controlCharacterIndex(key) < 0 ? key : JSON.stringify(key);
}

/**
 * Every string of a payload, values and object keys at any depth (arrays, `metadata_json`,
 * search `context`), that holds a forbidden control character, as one field error each:
 * `metadata_json.os`, `tags.2`. The walk is iterative and visits each value once, so its cost
 * is linear in the payload and no nesting can overflow the stack.
 */
export function findControlCharacters(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const queue: [unknown, string][] = [[value, root]];
  const seen = new Set<object>();
  for (let next = 0; next < queue.length; next++) {
    const [v, field] = queue[next];
    if (typeof v === 'string') {
      const at = controlCharacterIndex(v);
      if (at >= 0) errors.push({ field: field || 'body', message: `must not contain control characters (${codePoint(v, at)} at position ${at})` });
    } else if (typeof v === 'object' && v !== null && !seen.has(v)) {
      seen.add(v);
      for (const [key, child] of Object.entries(v)) {
        const at = controlCharacterIndex(key);
        if (at >= 0) errors.push({ field: field || 'body', message: `key ${JSON.stringify(key)} must not contain control characters (${codePoint(key, at)})` });
        queue.push([child, field ? `${field}.${segment(key)}` : segment(key)]);
      }
    }
  }
  return errors;
}

/**
 * The contract's class rules, then one rule for every text in the payload: no control
 * characters (they are refused, never stripped), wherever they are nested.
 */
class ContractValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const result = await super.transform(value, metadata);
    if (metadata.type !== 'custom') {
      const errors = findControlCharacters(result, metadata.type === 'body' ? '' : (metadata.data ?? ''));
      if (errors.length) throw validationFailed(errors);
    }
    return result;
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
