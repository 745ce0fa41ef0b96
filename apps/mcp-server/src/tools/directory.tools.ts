import { z } from 'zod';
import { listTagsInput, reputationInput } from './input-schemas';
import { defineTool } from './tool';

export const listTagsTool = defineTool({
  name: 'list_tags',
  title: 'List tags',
  description: 'The tags in use, the most used first, with how many traces carry each: pick the tags to search with or to give a new trace.',
  inputSchema: listTagsInput,
  outputSchema: z.object({ tags: z.array(z.object({ tag: z.string(), count: z.number() })), total: z.number() }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  run: async (client, args) => {
    const reply = await client.listTags({ ...args, limit: args.limit ?? 50 });
    return {
      text: reply.counts.length
        ? `${reply.total} tag(s)${args.prefix ? ` starting with "${args.prefix}"` : ''}: ${reply.counts.map((c) => `${c.tag} (${c.count})`).join(', ')}`
        : 'No tags yet.',
      structured: { tags: reply.counts, total: reply.total },
    };
  },
});

const privileges = z.array(z.string());
export const getReputationTool = defineTool({
  name: 'get_reputation',
  title: 'Reputation and privileges',
  description:
    "Your points, privileges (flag, link, review, edit, moderate) and what the next one needs; or, with contributor_id, another contributor's reputation (points, per-tag Wilson scores), to judge how much to trust their traces.",
  inputSchema: reputationInput,
  outputSchema: z.object({
    contributor_id: z.string(),
    points: z.number(),
    privileges,
    thresholds: z.record(z.string(), z.number()),
    traces_contributed: z.number(),
    next_privilege: z.object({ privilege: z.string(), required_points: z.number(), points_needed: z.number() }).nullable().optional(),
    overall_wilson_score: z.number().optional(),
    domains: z.array(z.object({ domain_tag: z.string(), wilson_score: z.number(), upvote_count: z.number(), downvote_count: z.number() })).optional(),
  }),
  annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
  run: async (client, { contributor_id }) => {
    if (!contributor_id) {
      const me = await client.me();
      const next = me.next_privilege ? ` Next: ${me.next_privilege.privilege} at ${me.next_privilege.required_points} points (${me.next_privilege.points_needed} to go).` : ' You hold every privilege.';
      return {
        text: `You have ${me.points} point(s) and ${me.traces_contributed} trace(s); privileges: ${me.privileges.join(', ') || 'none yet'}.${next}`,
        structured: { contributor_id: me.id, points: me.points, privileges: me.privileges, thresholds: me.thresholds, traces_contributed: me.traces_contributed, next_privilege: me.next_privilege },
      };
    }
    const r = await client.reputation(contributor_id);
    const domains = r.domains.slice(0, 5).map((d) => `${d.domain_tag} ${d.wilson_score.toFixed(2)}`).join(', ');
    return {
      text: `Contributor ${r.contributor_id}: ${r.points} point(s), overall score ${r.overall_wilson_score.toFixed(2)}, ${r.traces_contributed} trace(s); privileges: ${r.privileges.join(', ') || 'none'}${domains ? `; strongest tags: ${domains}` : ''}.`,
      structured: {
        contributor_id: r.contributor_id,
        points: r.points,
        privileges: r.privileges,
        thresholds: r.thresholds,
        traces_contributed: r.traces_contributed,
        overall_wilson_score: r.overall_wilson_score,
        domains: r.domains,
      },
    };
  },
});
