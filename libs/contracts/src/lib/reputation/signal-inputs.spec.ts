import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { flattenValidationErrors } from '../core/validation';
import { VoteInput } from './cast-vote/cast-vote';
import { VerificationInput } from './record-verification/record-verification';

function errorsOf<T extends object>(cls: new () => T, body: Record<string, unknown>) {
  return [...new Set(flattenValidationErrors(validateSync(plainToInstance(cls, body), { whitelist: true })).map((e) => e.field))];
}

describe('VoteInput', () => {
  const vote = { vote_type: 'up', feedback_text: 'Worked after the upgrade.' };
  it('accepts a vote with a short tag and a bounded context', () => {
    expect(errorsOf(VoteInput, { ...vote, feedback_tag: 'worked', voter_context: { language: 'go', versions: { go: '1.22' } } })).toEqual([]);
  });
  it('refuses short feedback, odd tags, unknown directions and unknown context fields', () => {
    expect(errorsOf(VoteInput, { ...vote, feedback_text: 'too short' })).toEqual(['feedback_text']);
    expect(errorsOf(VoteInput, { ...vote, feedback_tag: 'Not A Tag!' })).toEqual(['feedback_tag']);
    expect(errorsOf(VoteInput, { ...vote, vote_type: 'sideways' })).toEqual(['vote_type']);
    expect(errorsOf(VoteInput, { ...vote, voter_context: { gpu: 'rtx' } })).toEqual(['voter_context']);
    expect(errorsOf(VoteInput, { ...vote, voter_context: { versions: { x: 1 } } })).toEqual(['voter_context']);
  });
});

describe('VerificationInput', () => {
  it('needs an outcome and an environment object', () => {
    expect(errorsOf(VerificationInput, { outcome: 'worked_as_written', environment: { os: 'linux' } })).toEqual([]);
    expect(errorsOf(VerificationInput, { outcome: 'did_not_work' })).toEqual(['environment']);
    expect(errorsOf(VerificationInput, { outcome: 'maybe', environment: {} })).toEqual(['outcome']);
    expect(errorsOf(VerificationInput, { outcome: 'did_not_work', environment: 'linux' })).toEqual(['environment']);
  });
  it('bounds the environment', () => {
    const packages = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, '1.0']));
    expect(errorsOf(VerificationInput, { outcome: 'did_not_work', environment: { packages } })).toEqual(['environment']);
    expect(errorsOf(VerificationInput, { outcome: 'did_not_work', environment: { os: 'x'.repeat(201) } })).toEqual(['environment']);
  });
});
