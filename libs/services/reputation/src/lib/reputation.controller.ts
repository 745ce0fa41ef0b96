import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReputationGetAgent, ReputationGetReputation } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { GetAgentUseCase } from './usecases/get-agent/get-agent.usecase';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';

@BusController()
export class ReputationController {
  constructor(
    private readonly getReputation: GetReputationUseCase,
    private readonly getAgentUseCase: GetAgentUseCase,
  ) {}

  @MessagePattern(ReputationGetReputation.contract.subject)
  get(@Payload() request: ReputationGetReputation.GetReputationRequest) {
    return this.getReputation.execute(request);
  }

  @MessagePattern(ReputationGetAgent.contract.subject)
  getAgent(@Payload() request: ReputationGetAgent.GetAgentRequest) {
    return this.getAgentUseCase.execute(request);
  }
}
