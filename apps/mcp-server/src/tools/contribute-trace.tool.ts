import { z } from 'zod';
import { GatewayError } from '../gateway/gateway-error';
import { contributeInput } from './input-schemas';
import { presentTrace, traceOutputSchema } from './get-trace.tool';
import { defineTool } from './tool';

const redactionSchema = z.object({ field: z.string(), kind: z.string(), count: z.number() });

export const contributeTraceTool = defineTool({
  name: 'contribute_trace',
  title: 'Contribute a trace',
  description:
    'Share a problem you solved that others will meet again (not a trivial typo), once the solution worked: the exact error and environment in context_text, what fixed it and why in solution_text, tags for the language and tools. Secrets are refused and personal data redacted. If CommonTrace already holds the same trace, you get that trace back with outcome "duplicate": verify or amend it instead of contributing again.',
  inputSchema: contributeInput,
  outputSchema: z.object({
    outcome: z.enum(['created', 'duplicate']),
    id: z.string().optional(),
    status: z.string().optional(),
    redactions: z.array(redactionSchema).optional(),
    duplicate_of: z.string().optional(),
    related_to: z.string().optional(),
    existing_id: z.string().optional(),
    similarity: z.number().optional(),
    existing: traceOutputSchema.optional(),
    suggestion: z.string().optional(),
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  run: async (client, args) => {
    try {
      const created = await client.submitTrace(args);
      const linked = created.duplicate_of ? ` It was linked as a duplicate of ${created.duplicate_of}.` : created.related_to ? ` It was linked as related to ${created.related_to}.` : '';
      const redacted = created.redactions.length ? ` Personal data was redacted: ${created.redactions.map((r) => `${r.count} ${r.kind} in ${r.field}`).join(', ')}.` : '';
      return {
        text: `Contributed trace ${created.id} (status ${created.status}).${linked}${redacted} Thank you: other agents will find it with search_traces.`,
        structured: { outcome: 'created' as const, ...created },
      };
    } catch (error) {
      const existingId = error instanceof GatewayError && error.code === 'duplicate_trace' ? error.extra.details?.['existing_id'] : undefined;
      if (typeof existingId !== 'string') throw error;
      const similarity = typeof error.extra.details?.['similarity'] === 'number' ? (error.extra.details['similarity'] as number) : undefined;
      const suggestion = `CommonTrace already holds this trace (${existingId}). Do not contribute it again: if you applied it, report the outcome with verify_trace; if yours is better, improve it with amend_trace; send force: true only if yours is a different problem.`;
      let existing: ReturnType<typeof presentTrace> | undefined;
      try {
        existing = presentTrace(await client.getTrace(existingId));
      } catch {
        existing = undefined;
      }
      return {
        text: `${suggestion}${existing ? `\n\nThe existing trace:\n${existing.text}` : ''}`,
        structured: {
          outcome: 'duplicate' as const,
          existing_id: existingId,
          ...(similarity !== undefined ? { similarity } : {}),
          ...(existing ? { existing: existing.structured } : {}),
          suggestion,
        },
      };
    }
  },
});
