import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Privilege, PRIVILEGE_THRESHOLDS, ReputationGetReputation } from '@commontrace/contracts';
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
 * The authority the agent lacks with these points, or null when every one is met. When several
 * are missing, the one needing the most points, so that the refusal names what would suffice.
 */
export function unmetAuthority(agentId: string, needs: Authority[], points: number): Authority | null {
  const missing = needs.filter((n) => n.ownerId !== agentId && points < PRIVILEGE_THRESHOLDS[n.privilege]);
  if (!missing.length) return null;
  return missing.reduce((a, b) => (PRIVILEGE_THRESHOLDS[b.privilege] > PRIVILEGE_THRESHOLDS[a.privilege] ? b : a));
}

/** Checks privileges against the agent's reputation points (asked of the reputation service). */
@Injectable()
export class Privileges {
  constructor(private readonly bus: BusClient) {}

  /**
   * Passes when the agent owns, or has the privilege for, every trace it touches; 403 forbidden
   * otherwise. Reputation is asked at most once, and not at all when the agent owns them all.
   */
  async require(agentId: string, ...needs: Authority[]): Promise<void> {
    if (needs.every((n) => n.ownerId === agentId)) return;
    const { points } = await this.bus.request(ReputationGetReputation.contract, { contributor_id: agentId });
    const unmet = unmetAuthority(agentId, needs, points);
    if (!unmet) return;
    const needed = PRIVILEGE_THRESHOLDS[unmet.privilege];
    throw new DomainError(ErrorCode.Forbidden, `Only the trace's owner or an agent with ${needed} reputation may ${unmet.action} (you have ${points})`, {
      details: { privilege: unmet.privilege, required_points: needed, points },
    });
  }
}
