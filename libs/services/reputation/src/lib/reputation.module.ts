import { Module } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { ReputationController } from './reputation.controller';
import { Ledger } from './ledger/ledger';
import { PrivilegeCheck } from './privileges/privilege-check';
import { DomainReputation } from './scoring/domain-reputation';
import { SignalLedger } from './scoring/signal-ledger';
import { TraceScorer } from './scoring/trace-scorer';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';
import { CastVoteUseCase } from './usecases/cast-vote/cast-vote.usecase';
import { ListVotesUseCase } from './usecases/list-votes/list-votes.usecase';
import { RecordVerificationUseCase } from './usecases/record-verification/record-verification.usecase';
import { ListVerificationsUseCase } from './usecases/list-verifications/list-verifications.usecase';
import { RescoreTracesUseCase } from './usecases/rescore-traces/rescore-traces.usecase';
import { TrustSweeper } from './usecases/rescore-traces/trust-sweeper';
import { RebuildReputationUseCase } from './usecases/rebuild-reputation/rebuild-reputation.usecase';

/** Votes, verifications, trust and contributor reputation. */
@Module({
  controllers: [ReputationController],
  providers: [
    GetReputationUseCase,
    Ledger,
    PrivilegeCheck,
    ContentGuard,
    DomainReputation,
    SignalLedger,
    TraceScorer,
    CastVoteUseCase,
    ListVotesUseCase,
    RecordVerificationUseCase,
    ListVerificationsUseCase,
    RescoreTracesUseCase,
    TrustSweeper,
    RebuildReputationUseCase,
  ],
})
export class ReputationModule {}
