import { Module } from '@nestjs/common';
import { ContentGuard } from '@commontrace/content-guard';
import { ReputationController } from './reputation.controller';
import { Ledger } from './ledger/ledger';
import { MergeDuplicate } from './moderation/merge-duplicate';
import { TraceModeration } from './moderation/trace-moderation';
import { PrivilegeCheck } from './privileges/privilege-check';
import { ReputationProfiles } from './profile/reputation-profile';
import { CreditAmendmentUseCase } from './usecases/credit-amendment/credit-amendment.usecase';
import { FlagTraceUseCase } from './usecases/flag-trace/flag-trace.usecase';
import { GetAgentUseCase } from './usecases/get-agent/get-agent.usecase';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';
import { ModerateTraceUseCase } from './usecases/moderate-trace/moderate-trace.usecase';
import { ModerationLogUseCase } from './usecases/moderation-log/moderation-log.usecase';
import { ModerationQueueUseCase } from './usecases/moderation-queue/moderation-queue.usecase';

/** Votes, trust and contributor reputation; flags and moderation. */
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
  ],
})
export class ReputationModule {}
