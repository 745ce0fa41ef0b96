import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fitPage, IngestListAmendments, PAGE_LIMITS, servedOrNotFound } from '@commontrace/contracts';
import { AmendmentEntity, TraceEntity } from '@commontrace/persistence';
import { DataSource } from 'typeorm';
import { toAmendmentView } from '../amend-trace/amendment-view';

/** A trace's amendments, newest first, a page at a time; the cursor is the last amendment of a page. */
@Injectable()
export class ListAmendmentsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: IngestListAmendments.ListAmendmentsRequest): Promise<IngestListAmendments.ListAmendmentsReply> {
    const m = this.dataSource.manager;
    servedOrNotFound(await m.findOne(TraceEntity, { where: { id: request.trace_id }, select: { id: true, status: true } }), request.trace_id);
    const limit = request.limit ?? PAGE_LIMITS.defaultLimit;
    const query = m
      .createQueryBuilder(AmendmentEntity, 'a')
      .where('a.trace_id = :trace', { trace: request.trace_id })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (request.cursor) {
      if (!(await m.exists(AmendmentEntity, { where: { id: request.cursor, trace_id: request.trace_id } }))) {
        throw new DomainError(ErrorCode.ValidationFailed, 'cursor: not a next_cursor of this list', {
          errors: [{ field: 'cursor', message: 'must be a next_cursor of this list' }],
        });
      }
      // Compared in the database, at the timestamp's full precision.
      query.andWhere('(a.created_at, a.id) < (SELECT c.created_at, c.id FROM amendments c WHERE c.id = :cursor)', { cursor: request.cursor });
    }
    const { page, more } = fitPage((await query.getMany()).map(toAmendmentView), limit);
    return { amendments: page, next_cursor: more ? page[page.length - 1].id : null };
  }
}
