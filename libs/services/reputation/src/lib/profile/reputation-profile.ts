import { Injectable } from '@nestjs/common';
import { Privilege, ReputationGetReputation } from '@commontrace/contracts';
import { wilsonLowerBound } from '@commontrace/domain-reputation';
import { DataSource } from 'typeorm';
import { grantedPrivileges, PrivilegeCheck } from '../privileges/privilege-check';

/** What every view of a contributor's reputation shows: points, privileges, domains, traces. */
export interface ReputationProfile {
  points: number;
  privileges: Privilege[];
  thresholds: Record<Privilege, number>;
  overall_wilson_score: number;
  domains: ReputationGetReputation.DomainReputationItem[];
  domains_total: number;
  traces_contributed: number;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** The read queries behind GET /contributors/{id}/reputation and GET /agents/me. */
@Injectable()
export class ReputationProfiles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privilegeCheck: PrivilegeCheck,
  ) {}

  async of(accountId: string): Promise<ReputationProfile> {
    const m = this.dataSource.manager;
    const [points, domains, totals, traces] = await Promise.all([
      this.privilegeCheck.points(m, accountId),
      m.query(
        `SELECT tag, up, down, wilson FROM domain_reputation WHERE account_id = $1
          ORDER BY wilson DESC, up DESC, tag LIMIT $2`,
        [accountId, ReputationGetReputation.REPUTATION_LIMITS.domains],
      ) as Promise<{ tag: string; up: number; down: number; wilson: number }[]>,
      m.query(
        `SELECT count(*)::int AS n, COALESCE(sum(up), 0)::float8 AS up, COALESCE(sum(down), 0)::float8 AS down
           FROM domain_reputation WHERE account_id = $1`,
        [accountId],
      ) as Promise<{ n: number; up: number; down: number }[]>,
      m.query(`SELECT count(*)::int AS n FROM traces WHERE contributor_id = $1`, [accountId]) as Promise<{ n: number }[]>,
    ]);
    const thresholds = this.privilegeCheck.thresholds;
    return {
      points,
      privileges: grantedPrivileges(points, thresholds),
      thresholds,
      overall_wilson_score: round(wilsonLowerBound(Number(totals[0].up), Number(totals[0].down))),
      domains: domains.map((d) => ({
        domain_tag: d.tag,
        wilson_score: round(Number(d.wilson)),
        upvote_count: round(Number(d.up)),
        downvote_count: round(Number(d.down)),
      })),
      domains_total: totals[0].n,
      traces_contributed: traces[0].n,
    };
  }
}
