import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Privilege, ReputationGetReputation } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';

/** One thing an agent must be allowed to do: the owner may, anyone else needs the privilege. */
export interface Authority {
  privilege: Privilege;
  /** The owner of the trace the action touches; the owner needs no privilege. */
  ownerId: string;
  /** What the agent tries to do, for the refusal ("mark the target trace superseded"). */
  action: string;
}

/**
 * The authority the agent lacks with these points and these thresholds, or null when every one
 * is met. When several are missing, the one needing the most points, so that the refusal names
 * what would suffice.
 */
export function unmetAuthority(agentId: string, needs: Authority[], points: number, thresholds: Record<Privilege, number>): Authority | null {
  const missing = needs.filter((n) => n.ownerId !== agentId && points < thresholds[n.privilege]);
  if (!missing.length) return null;
  return missing.reduce((a, b) => (thresholds[b.privilege] > thresholds[a.privilege] ? b : a));
}

/**
 * Checks privileges against the agent's reputation as the reputation service answers it: its
 * points and the thresholds in force there (PRIVILEGE_<NAME>_POINTS are the reputation
 * service's settings; ingest has no copy of them).
 */
@Injectable()
export class Privileges {
  constructor(private readonly bus: BusClient) {}

  /**
   * Passes when the agent owns, or has the privilege for, every trace it touches; 403
   * insufficient_reputation otherwise (details: privilege, required_points, points). Reputation
   * is asked at most once, and not at all when the agent owns them all.
   */
  async require(agentId: string, ...needs: Authority[]): Promise<void> {
    if (needs.every((n) => n.ownerId === agentId)) return;
    const { points, thresholds } = await this.reputationOf(agentId);
    const unmet = unmetAuthority(agentId, needs, points, thresholds);
    if (!unmet) return;
    const needed = thresholds[unmet.privilege];
    throw new DomainError(
      ErrorCode.InsufficientReputation,
      `Only the trace's owner or an agent with ${needed} reputation may ${unmet.action} (you have ${points})`,
      { details: { privilege: unmet.privilege, required_points: needed, points } },
    );
  }

  /** Whether the agent owns the trace or has the privilege: a choice, not a refusal. */
  async allows(agentId: string, need: Authority): Promise<boolean> {
    if (need.ownerId === agentId) return true;
    const { points, thresholds } = await this.reputationOf(agentId);
    return unmetAuthority(agentId, [need], points, thresholds) === null;
  }

  private reputationOf(agentId: string): Promise<ReputationGetReputation.GetReputationReply> {
    return this.bus.request(ReputationGetReputation.contract, { contributor_id: agentId });
  }
}
