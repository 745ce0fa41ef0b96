import { MessagePattern, Payload } from '@nestjs/microservices';
import { IngestSubmitTrace } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { SubmitTraceUseCase } from './usecases/submit-trace/submit-trace.usecase';

@BusController()
export class IngestController {
  constructor(private readonly submitTrace: SubmitTraceUseCase) {}

  @MessagePattern(IngestSubmitTrace.contract.subject)
  submit(@Payload() request: IngestSubmitTrace.SubmitTraceRequest) {
    return this.submitTrace.execute(request);
  }
}
