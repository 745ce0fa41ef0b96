import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReputationCastVote,
  ReputationFlagTrace,
  ReputationGetAgent,
  ReputationGetReputation,
  ReputationListVerifications,
  ReputationListVotes,
  ReputationModerateTrace,
  ReputationModerationLog,
  ReputationModerationQueue,
  ReputationRecordVerification,
} from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { FlagTraceUseCase } from './usecases/flag-trace/flag-trace.usecase';
import { GetAgentUseCase } from './usecases/get-agent/get-agent.usecase';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';
import { CastVoteUseCase } from './usecases/cast-vote/cast-vote.usecase';
import { ListVerificationsUseCase } from './usecases/list-verifications/list-verifications.usecase';
import { ListVotesUseCase } from './usecases/list-votes/list-votes.usecase';
import { ModerateTraceUseCase } from './usecases/moderate-trace/moderate-trace.usecase';
import { ModerationLogUseCase } from './usecases/moderation-log/moderation-log.usecase';
import { ModerationQueueUseCase } from './usecases/moderation-queue/moderation-queue.usecase';
import { RecordVerificationUseCase } from './usecases/record-verification/record-verification.usecase';

@BusController()
export class ReputationController {
  constructor(
    private readonly getReputation: GetReputationUseCase,
    private readonly getAgentUseCase: GetAgentUseCase,
    private readonly flagTrace: FlagTraceUseCase,
    private readonly moderateTrace: ModerateTraceUseCase,
    private readonly moderationQueue: ModerationQueueUseCase,
    private readonly moderationLog: ModerationLogUseCase,
    private readonly castVote: CastVoteUseCase,
    private readonly listVotes: ListVotesUseCase,
    private readonly recordVerification: RecordVerificationUseCase,
    private readonly listVerifications: ListVerificationsUseCase,
  ) {}

  @MessagePattern(ReputationGetReputation.contract.subject)
  get(@Payload() request: ReputationGetReputation.GetReputationRequest) {
    return this.getReputation.execute(request);
  }

  @MessagePattern(ReputationGetAgent.contract.subject)
  getAgent(@Payload() request: ReputationGetAgent.GetAgentRequest) {
    return this.getAgentUseCase.execute(request);
  }

  @MessagePattern(ReputationFlagTrace.contract.subject)
  flag(@Payload() request: ReputationFlagTrace.FlagTraceRequest) {
    return this.flagTrace.execute(request);
  }

  @MessagePattern(ReputationModerateTrace.contract.subject)
  moderate(@Payload() request: ReputationModerateTrace.ModerateTraceRequest) {
    return this.moderateTrace.execute(request);
  }

  @MessagePattern(ReputationModerationQueue.contract.subject)
  queue(@Payload() request: ReputationModerationQueue.ModerationQueueRequest) {
    return this.moderationQueue.execute(request);
  }

  @MessagePattern(ReputationModerationLog.contract.subject)
  log(@Payload() request: ReputationModerationLog.ModerationLogRequest) {
    return this.moderationLog.execute(request);
  }

  @MessagePattern(ReputationCastVote.contract.subject)
  vote(@Payload() request: ReputationCastVote.CastVoteRequest) {
    return this.castVote.execute(request);
  }

  @MessagePattern(ReputationListVotes.contract.subject)
  votes(@Payload() request: ReputationListVotes.ListVotesRequest) {
    return this.listVotes.execute(request);
  }

  @MessagePattern(ReputationRecordVerification.contract.subject)
  verify(@Payload() request: ReputationRecordVerification.RecordVerificationRequest) {
    return this.recordVerification.execute(request);
  }

  @MessagePattern(ReputationListVerifications.contract.subject)
  verifications(@Payload() request: ReputationListVerifications.ListVerificationsRequest) {
    return this.listVerifications.execute(request);
  }
}
