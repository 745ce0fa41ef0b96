import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, IngestListAmendments } from '@commontrace/contracts';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { toAmendmentView } from '../amend-trace/amendment-view';

@Injectable()
export class ListAmendmentsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: IngestListAmendments.ListAmendmentsRequest): Promise<IngestListAmendments.ListAmendmentsReply> {
    if (!(await this.dataSource.manager.exists(TraceEntity, { where: { id: request.trace_id } }))) {
      throw new DomainError(ErrorCode.NotFound, `No trace ${request.trace_id}`);
    }
    const rows = await this.dataSource.manager.find(AmendmentEntity, { where: { trace_id: request.trace_id }, order: { created_at: 'ASC' } });
    return { amendments: rows.map(toAmendmentView) };
  }
}
