import { Module } from '@nestjs/common';
import { ReputationController } from './reputation.controller';
import { Ledger } from './ledger/ledger';
import { PrivilegeCheck } from './privileges/privilege-check';
import { ReputationProfiles } from './profile/reputation-profile';
import { CreditAmendmentUseCase } from './usecases/credit-amendment/credit-amendment.usecase';
import { GetAgentUseCase } from './usecases/get-agent/get-agent.usecase';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';

/** Votes, trust and contributor reputation (votes arrive with the reputation issue). */
@Module({
  controllers: [ReputationController],
  providers: [GetReputationUseCase, GetAgentUseCase, CreditAmendmentUseCase, ReputationProfiles, Ledger, PrivilegeCheck],
})
export class ReputationModule {}
