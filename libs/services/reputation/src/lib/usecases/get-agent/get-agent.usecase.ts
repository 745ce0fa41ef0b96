import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ReputationGetAgent } from '@commontrace/contracts';
import { nextPrivilege } from '@commontrace/domain-reputation';
import { AccountEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { ReputationProfiles } from '../../profile/reputation-profile';

/** GET /agents/me: the calling agent's account, points, privileges, and what the next privilege needs. */
@Injectable()
export class GetAgentUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ReputationProfiles,
  ) {}

  async execute(request: ReputationGetAgent.GetAgentRequest): Promise<ReputationGetAgent.GetAgentReply> {
    const account = await this.dataSource.manager.findOne(AccountEntity, {
      where: { id: request.account_id },
      select: { id: true, name: true, tier: true, created_at: true },
    });
    if (!account) throw new DomainError(ErrorCode.NotFound, `No account ${request.account_id}`);
    const profile = await this.profiles.of(account.id);
    return {
      id: account.id,
      name: account.name,
      tier: account.tier,
      created_at: account.created_at.toISOString(),
      points: profile.points,
      privileges: profile.privileges,
      thresholds: profile.thresholds,
      next_privilege: nextPrivilege(profile.points, profile.thresholds),
      traces_contributed: profile.traces_contributed,
    };
  }
}
