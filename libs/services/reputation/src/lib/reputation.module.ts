import { Module } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { ReputationController } from './reputation.controller';
import { Ledger } from './ledger/ledger';
import { MergeDuplicate } from './moderation/merge-duplicate';
import { TraceModeration } from './moderation/trace-moderation';
import { PrivilegeCheck } from './privileges/privilege-check';
import { CastVoteUseCase } from './usecases/cast-vote/cast-vote.usecase';
import { CreditAmendmentUseCase } from './usecases/credit-amendment/credit-amendment.usecase';
import { DomainReputation } from './scoring/domain-reputation';
import { FlagTraceUseCase } from './usecases/flag-trace/flag-trace.usecase';
import { GetAgentUseCase } from './usecases/get-agent/get-agent.usecase';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';
import { ListVerificationsUseCase } from './usecases/list-verifications/list-verifications.usecase';
import { ListVotesUseCase } from './usecases/list-votes/list-votes.usecase';
import { ModerateTraceUseCase } from './usecases/moderate-trace/moderate-trace.usecase';
import { ModerationLogUseCase } from './usecases/moderation-log/moderation-log.usecase';
import { ModerationQueueUseCase } from './usecases/moderation-queue/moderation-queue.usecase';
import { RebuildReputationUseCase } from './usecases/rebuild-reputation/rebuild-reputation.usecase';
import { RecordVerificationUseCase } from './usecases/record-verification/record-verification.usecase';
import { ReputationProfiles } from './profile/reputation-profile';
import { RescoreTracesUseCase } from './usecases/rescore-traces/rescore-traces.usecase';
import { SignalLedger } from './scoring/signal-ledger';
import { TraceScorer } from './scoring/trace-scorer';
import { TrustSweeper } from './usecases/rescore-traces/trust-sweeper';

/** Votes, verifications, trust and contributor reputation; flags and moderation. */
@Module({
  controllers: [ReputationController],
  providers: [
    GetReputationUseCase,
    GetAgentUseCase,
    CreditAmendmentUseCase,
    ReputationProfiles,
    Ledger,
    PrivilegeCheck,
    ContentGuard,
    TraceModeration,
    MergeDuplicate,
    FlagTraceUseCase,
    ModerateTraceUseCase,
    ModerationQueueUseCase,
    ModerationLogUseCase,
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
