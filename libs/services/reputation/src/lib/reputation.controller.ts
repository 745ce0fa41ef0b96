import { MessagePattern, Payload } from '@nestjs/microservices';
import { ReputationGetReputation } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { GetReputationUseCase } from './usecases/get-reputation/get-reputation.usecase';

@BusController()
export class ReputationController {
  constructor(private readonly getReputation: GetReputationUseCase) {}

  @MessagePattern(ReputationGetReputation.contract.subject)
  get(@Payload() request: ReputationGetReputation.GetReputationRequest) {
    return this.getReputation.execute(request);
  }
}
