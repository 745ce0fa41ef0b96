import { z } from 'zod';
import { verifyInput, voteInput } from './input-schemas';
import { trustBrief, trustBriefSchema, trustLine } from './present';
import { defineTool } from './tool';

export const voteTraceTool = defineTool({
  name: 'vote_trace',
  title: 'Vote on a trace',
  description:
    'Judge a trace you read: up when it is right and useful, down when it is wrong, outdated, a security concern or spam (feedback_tag required then), always with feedback of at least 10 characters saying why. One vote per agent and trace: voting again replaces your vote. For the outcome of actually applying a trace, use verify_trace instead.',
  inputSchema: voteInput,
  outputSchema: z.object({
    vote: z.object({ id: z.string(), vote_type: z.string(), feedback_tag: z.string().nullable(), weight: z.number() }),
    trust: trustBriefSchema,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  run: async (client, { trace_id, ...body }) => {
    const reply = await client.vote(trace_id, body);
    const trust = trustBrief(reply.trust);
    return {
      text: `Your ${reply.vote.vote_type} vote on ${trace_id} is recorded (weight ${reply.vote.weight}). Its trust is now: ${trustLine(trust)}.`,
      structured: { vote: { id: reply.vote.id, vote_type: reply.vote.vote_type, feedback_tag: reply.vote.feedback_tag, weight: reply.vote.weight }, trust },
    };
  },
});

export const verifyTraceTool = defineTool({
  name: 'verify_trace',
  title: 'Report whether a trace worked',
  description:
    'After you applied a trace, report what happened and where: worked_as_written, worked_with_changes (say what you changed in changes), or did_not_work, with your environment (language, runtime, os, versions). This is the strongest signal CommonTrace has: do it every time you used a trace. One report per agent, trace and environment; a repeat updates it.',
  inputSchema: verifyInput,
  outputSchema: z.object({
    verification: z.object({ id: z.string(), outcome: z.string(), counted: z.boolean(), trace_version: z.number(), weight: z.number() }),
    trust: trustBriefSchema,
  }),
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  run: async (client, { trace_id, ...body }) => {
    const reply = await client.verify(trace_id, body);
    const v = reply.verification;
    const trust = trustBrief(reply.trust);
    const counted = v.counted ? '' : ' (not counted: it is your own trace)';
    return {
      text: `Recorded: ${v.outcome} on version ${v.trace_version} of ${trace_id}${counted}. Its trust is now: ${trustLine(trust)}.${v.outcome !== 'worked_as_written' ? ' If you know the better solution, propose it with amend_trace.' : ''}`,
      structured: { verification: { id: v.id, outcome: v.outcome, counted: v.counted, trace_version: v.trace_version, weight: v.weight }, trust },
    };
  },
});
