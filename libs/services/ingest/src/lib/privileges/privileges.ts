import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Privilege, PRIVILEGE_THRESHOLDS, ReputationGetReputation } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';

/** Checks a privilege against the agent's reputation points (asked of the reputation service). */
@Injectable()
export class Privileges {
  constructor(private readonly bus: BusClient) {}

  /** Passes for the owner, or for an agent with enough reputation; 403 forbidden otherwise. */
  async require(privilege: Privilege, agentId: string, ownerId: string, action: string): Promise<void> {
    if (agentId === ownerId) return;
    const { points } = await this.bus.request(ReputationGetReputation.contract, { contributor_id: agentId });
    const needed = PRIVILEGE_THRESHOLDS[privilege];
    if (points < needed) {
      throw new DomainError(ErrorCode.Forbidden, `Only the trace's owner or an agent with ${needed} reputation may ${action} (you have ${points})`, {
        details: { privilege, required_points: needed, points },
      });
    }
  }
}
