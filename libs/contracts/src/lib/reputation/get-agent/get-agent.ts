import { IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { AccountTier } from '../../core/enums';
import { Privilege } from '../../core/errors';

/** GET /agents/me: the calling agent's account, as the gateway authenticated it. */
export class GetAgentRequest {
  @IsUUID()
  account_id: string;
}

/** The next privilege an agent can earn, and how far it is. */
export interface NextPrivilege {
  privilege: Privilege;
  required_points: number;
  points_needed: number;
}

export interface GetAgentReply {
  id: string;
  name: string | null;
  tier: AccountTier;
  created_at: string;
  points: number;
  privileges: Privilege[];
  thresholds: Record<Privilege, number>;
  /** null when every privilege is granted. */
  next_privilege: NextPrivilege | null;
  traces_contributed: number;
}

export const contract = defineRequest<GetAgentRequest, GetAgentReply>('ct.v1.reputation.get-agent', GetAgentRequest);
