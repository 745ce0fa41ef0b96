import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ReputationGetReputation } from '@commontrace/contracts';
import { AccountEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { ReputationProfiles } from '../../profile/reputation-profile';

/**
 * A contributor's reputation in the CommonTrace v1 shape (user_id, overall_wilson_score, domains)
 * plus ours: points, the privileges they unlock and the thresholds in force (ingest checks its
 * privileges against these), and the traces contributed.
 */
@Injectable()
export class GetReputationUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly profiles: ReputationProfiles,
  ) {}

  async execute(request: ReputationGetReputation.GetReputationRequest): Promise<ReputationGetReputation.GetReputationReply> {
    if (!(await this.dataSource.manager.exists(AccountEntity, { where: { id: request.contributor_id } }))) {
      throw new DomainError(ErrorCode.NotFound, `No contributor ${request.contributor_id}`);
    }
    const profile = await this.profiles.of(request.contributor_id);
    return {
      user_id: request.contributor_id,
      overall_wilson_score: profile.overall_wilson_score,
      domains: profile.domains,
      domains_total: profile.domains_total,
      contributor_id: request.contributor_id,
      points: profile.points,
      privileges: profile.privileges,
      thresholds: profile.thresholds,
      traces_contributed: profile.traces_contributed,
    };
  }
}
