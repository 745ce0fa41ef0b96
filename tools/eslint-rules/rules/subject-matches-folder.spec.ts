import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import rule from './subject-matches-folder.cjs';

const ruleTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
});

const lib = '/repo/libs/contracts/src/lib';
const request = (subject: string) =>
  `export const contract = defineRequest<SubmitTraceRequest, SubmitTraceReply>(${subject}, SubmitTraceRequest);`;
const event = (subject: string) => `export const contract = defineEvent(${subject}, TraceStatusChangedEvent);`;

describe('commontrace/subject-matches-folder', () => {
  it('is exported by the plugin', () => {
    expect(plugin.rules?.['subject-matches-folder']).toBe(rule);
  });

  it('maps folders to subjects', () => {
    const { expectedSubject } = rule as unknown as { expectedSubject: (k: string, a: string, f: string) => string | undefined };
    expect(expectedSubject('request', 'ingest', 'submit-trace')).toBe('ct.v1.ingest.submit-trace');
    expect(expectedSubject('event', 'events', 'trace-created')).toBe('ct.v1.evt.trace.created');
    expect(expectedSubject('event', 'events', 'trace-status-changed')).toBe('ct.v1.evt.trace.status-changed');
    expect(expectedSubject('event', 'events', 'created')).toBeUndefined();
    expect(expectedSubject('event', 'ingest', 'trace-created')).toBeUndefined();
    expect(expectedSubject('request', 'events', 'trace-created')).toBeUndefined();
  });

  ruleTester.run('subject-matches-folder', rule, {
    valid: [
      // The real shapes.
      { code: request("'ct.v1.ingest.submit-trace'"), filename: `${lib}/ingest/submit-trace/submit-trace.ts` },
      { code: request("'ct.v1.search.query-traces'"), filename: `${lib}/search/query-traces/query-traces.ts` },
      { code: event("'ct.v1.evt.trace.created'"), filename: `${lib}/events/trace-created/trace-created.ts` },
      { code: event("'ct.v1.evt.trace.status-changed'"), filename: `${lib}/events/trace-status-changed/trace-status-changed.ts` },
      // Windows paths.
      { code: request("'ct.v1.ingest.link-traces'"), filename: 'C:\\repo\\libs\\contracts\\src\\lib\\ingest\\link-traces\\link-traces.ts' },
      // Other calls are not this rule's business, wherever they are.
      { code: "defineSomething('anything');", filename: `${lib}/ingest/submit-trace/submit-trace.ts` },
      { code: "contracts.defineRequest('x', X);", filename: '/repo/libs/services/ingest/src/lib/x.ts' },
      { code: 'export function defineRequest(subject, request) { return { subject, request }; }', filename: `${lib}/core/contract.ts` },
    ],
    invalid: [
      // The old subjects, named after the verb only.
      {
        code: request("'ct.v1.ingest.submit'"),
        filename: `${lib}/ingest/submit-trace/submit-trace.ts`,
        errors: [
          {
            message: "Subject 'ct.v1.ingest.submit' does not match its folder ingest/submit-trace: name it 'ct.v1.ingest.submit-trace'.",
            line: 1,
          },
        ],
      },
      { code: request("'ct.v1.search.get'"), filename: `${lib}/search/get-trace/get-trace.ts`, errors: [{ messageId: 'mismatch' }] },
      // The service part counts too.
      { code: request("'ct.v1.search.submit-trace'"), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'mismatch' }] },
      { code: request("'ct.v2.ingest.submit-trace'"), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'mismatch' }] },
      { code: event("'ct.v1.evt.trace-created'"), filename: `${lib}/events/trace-created/trace-created.ts`, errors: [{ messageId: 'mismatch' }] },
      { code: event("'ct.v1.evt.trace.status.changed'"), filename: `${lib}/events/trace-status-changed/x.ts`, errors: [{ messageId: 'mismatch' }] },
      // Through TypeScript wrappers the literal is still checked.
      { code: request("'ct.v1.ingest.submit' as const"), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'mismatch' }] },
      // A subject that cannot be checked.
      { code: request('`ct.v1.ingest.${verb}`'), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'literal' }] },
      { code: request('SUBJECT'), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'literal' }] },
      { code: 'defineRequest();', filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'literal' }] },
      // The wrong kind for the folder, or no contract folder at all.
      { code: event("'ct.v1.evt.trace.created'"), filename: `${lib}/ingest/submit-trace/submit-trace.ts`, errors: [{ messageId: 'misplaced' }] },
      { code: request("'ct.v1.events.trace-created'"), filename: `${lib}/events/trace-created/trace-created.ts`, errors: [{ messageId: 'misplaced' }] },
      { code: event("'ct.v1.evt.created'"), filename: `${lib}/events/created/created.ts`, errors: [{ messageId: 'misplaced' }] },
      { code: request("'ct.v1.ingest.submit-trace'"), filename: `${lib}/ingest/submit-trace.ts`, errors: [{ messageId: 'misplaced' }] },
      { code: request("'ct.v1.ingest.submit-trace'"), filename: '/repo/libs/services/ingest/src/lib/contract.ts', errors: [{ messageId: 'misplaced' }] },
    ],
  });
});
