import { IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { Privilege } from '../../core/errors';

export class GetReputationRequest {
  @IsUUID()
  contributor_id: string;
}

/** A contributor's track record in one tag (CommonTrace v1 field names; up and down are weighted). */
export interface DomainReputationItem {
  domain_tag: string;
  /** Wilson lower bound (z = 1.96) of the weighted share of upvotes in this tag. */
  wilson_score: number;
  upvote_count: number;
  downvote_count: number;
}

/** How many domains a reply lists at most (the strongest first). */
export const REPUTATION_LIMITS = { domains: 20 } as const;

export interface GetReputationReply {
  /** CommonTrace v1: the contributor's id. */
  user_id: string;
  /** CommonTrace v1: the Wilson lower bound of the contributor's votes over all tags. */
  overall_wilson_score: number;
  /** CommonTrace v1: per-tag reputation, strongest first, at most REPUTATION_LIMITS.domains. */
  domains: DomainReputationItem[];
  /** How many tags the contributor has a record in (domains may list fewer). */
  domains_total: number;
  contributor_id: string;
  /** Reputation points (the ledger: never below 1). */
  points: number;
  /** The privileges these points unlock, in the order of their thresholds. */
  privileges: Privilege[];
  /** The points each privilege needs, as the reputation service is configured. */
  thresholds: Record<Privilege, number>;
  traces_contributed: number;
}

export const contract = defineRequest<GetReputationRequest, GetReputationReply>('ct.v1.reputation.get-reputation', GetReputationRequest);
