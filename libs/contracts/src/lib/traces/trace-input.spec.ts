import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../core/validation';
import { TraceInput } from './trace-input';

const valid = { title: 'Fix ECONNREFUSED', context_text: 'npm install fails', solution_text: 'Set the proxy' };

function check(body: Record<string, unknown>) {
  const input = plainToInstance(TraceInput, body);
  return { input, errors: flattenValidationErrors(validateSync(input, { whitelist: true })) };
}

describe('TraceInput', () => {
  it('accepts a minimal trace and normalizes tags (trim, lowercase, no repeats)', () => {
    const { input, errors } = check({ ...valid, tags: [' Node ', 'node', 'C#', 'k8s.io'] });
    expect(errors).toEqual([]);
    expect(input.tags).toEqual(['node', 'c#', 'k8s.io']);
  });

  it('names the invalid tag instead of dropping it', () => {
    const { errors } = check({ ...valid, tags: ['ok', 'has space', 'x'.repeat(51)] });
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('tags');
    expect(errors[0].message).toContain('"has space"');
    expect(errors[0].message).toContain('x'.repeat(51));
    expect(errors[0].message).not.toContain('"ok"');
  });

  it('enforces the design limits', () => {
    expect(check({ ...valid, title: 't'.repeat(201) }).errors.map((e) => e.field)).toEqual(['title']);
    expect(check({ ...valid, context_text: 'c'.repeat(50_001) }).errors.map((e) => e.field)).toEqual(['context_text']);
    expect(check({ ...valid, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }).errors.map((e) => e.field)).toEqual(['tags']);
    expect(check({ ...valid, metadata_json: { blob: 'm'.repeat(10 * 1024) } }).errors.map((e) => e.field)).toEqual([
      'metadata_json',
    ]);
    expect(check({ ...valid, title: '   ' }).errors.map((e) => e.field)).toEqual(['title']);
  });

  it('requires the three text fields', () => {
    const fields = check({}).errors.map((e) => e.field);
    expect(new Set(fields)).toEqual(new Set(['title', 'context_text', 'solution_text']));
  });
});
