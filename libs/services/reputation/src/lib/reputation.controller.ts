import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ReputationCastVote,
  ReputationGetReputation,
  ReputationListVerifications,
  ReputationListVotes,
  ReputationRecordVerification,
} from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';
import { CastVoteUseCase } from './usecases/cast-vote/cast-vote.usecase';
import { ListVotesUseCase } from './usecases/list-votes/list-votes.usecase';
import { RecordVerificationUseCase } from './usecases/record-verification/record-verification.usecase';
import { ListVerificationsUseCase } from './usecases/list-verifications/list-verifications.usecase';

@BusController()
export class ReputationController {
  constructor(
    private readonly getReputation: GetReputationUseCase,
    private readonly castVote: CastVoteUseCase,
    private readonly listVotes: ListVotesUseCase,
    private readonly recordVerification: RecordVerificationUseCase,
    private readonly listVerifications: ListVerificationsUseCase,
  ) {}

  @MessagePattern(ReputationGetReputation.contract.subject)
  get(@Payload() request: ReputationGetReputation.GetReputationRequest) {
    return this.getReputation.execute(request);
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
