import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  IngestAmendTrace,
  IngestLinkTraces,
  IngestListAmendments,
  IngestListVersions,
  IngestReviewAmendment,
  IngestSubmitTrace,
} from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { AmendTraceUseCase } from './usecases/amend-trace/amend-trace.usecase';
import { LinkTracesUseCase } from './usecases/link-traces/link-traces.usecase';
import { ListAmendmentsUseCase } from './usecases/list-amendments/list-amendments.usecase';
import { ListVersionsUseCase } from './usecases/list-versions/list-versions.usecase';
import { ReviewAmendmentUseCase } from './usecases/review-amendment/review-amendment.usecase';
import { SubmitTraceUseCase } from './usecases/submit-trace/submit-trace.usecase';

@BusController()
export class IngestController {
  constructor(
    private readonly submitTrace: SubmitTraceUseCase,
    private readonly amendTrace: AmendTraceUseCase,
    private readonly reviewAmendment: ReviewAmendmentUseCase,
    private readonly listAmendments: ListAmendmentsUseCase,
    private readonly listVersions: ListVersionsUseCase,
    private readonly linkTraces: LinkTracesUseCase,
  ) {}

  @MessagePattern(IngestSubmitTrace.contract.subject)
  submit(@Payload() request: IngestSubmitTrace.SubmitTraceRequest) {
    return this.submitTrace.execute(request);
  }

  @MessagePattern(IngestAmendTrace.contract.subject)
  amend(@Payload() request: IngestAmendTrace.AmendTraceRequest) {
    return this.amendTrace.execute(request);
  }

  @MessagePattern(IngestReviewAmendment.contract.subject)
  review(@Payload() request: IngestReviewAmendment.ReviewAmendmentRequest) {
    return this.reviewAmendment.execute(request);
  }

  @MessagePattern(IngestListAmendments.contract.subject)
  amendments(@Payload() request: IngestListAmendments.ListAmendmentsRequest) {
    return this.listAmendments.execute(request);
  }

  @MessagePattern(IngestListVersions.contract.subject)
  versions(@Payload() request: IngestListVersions.ListVersionsRequest) {
    return this.listVersions.execute(request);
  }

  @MessagePattern(IngestLinkTraces.contract.subject)
  link(@Payload() request: IngestLinkTraces.LinkTracesRequest) {
    return this.linkTraces.execute(request);
  }
}
