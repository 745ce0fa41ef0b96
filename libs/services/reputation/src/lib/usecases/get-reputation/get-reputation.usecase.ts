import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, ReputationGetReputation } from '@commontrace/contracts';
import { AccountEntity, ReputationEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { STARTING_POINTS } from '../../ledger/ledger';


@Injectable()
export class GetReputationUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ReputationGetReputation.GetReputationRequest): Promise<ReputationGetReputation.GetReputationReply> {
    const m = this.dataSource.manager;
    if (!(await m.exists(AccountEntity, { where: { id: request.contributor_id } }))) {
      throw new DomainError(ErrorCode.NotFound, `No contributor ${request.contributor_id}`);
    }
    const [reputation, traces] = await Promise.all([
      m.findOne(ReputationEntity, { where: { account_id: request.contributor_id } }),
      m.count(TraceEntity, { where: { contributor_id: request.contributor_id } }),
    ]);
    return {
      contributor_id: request.contributor_id,
      points: reputation?.points ?? STARTING_POINTS,
      traces_contributed: traces,
    };
  }
}
