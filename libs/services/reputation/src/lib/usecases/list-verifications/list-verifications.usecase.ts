import { Injectable } from '@nestjs/common';
import { fitPage, PAGE_LIMITS, ReputationListVerifications } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { listPage } from '../../paging/list-page';
import { toVerificationView, VerificationRow } from '../record-verification/verification-view';

/**
 * A trace's verifications, newest first, a page at a time, self-verifications included (with
 * `counted: false`); `changes` of `worked_with_changes` are what the owner may turn into an amendment.
 */
@Injectable()
export class ListVerificationsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ReputationListVerifications.ListVerificationsRequest): Promise<ReputationListVerifications.ListVerificationsReply> {
    const rows = await listPage<VerificationRow>(this.dataSource, 'verifications', request);
    const { page, more } = fitPage(rows.map(toVerificationView), request.limit ?? PAGE_LIMITS.defaultLimit);
    return { verifications: page, next_cursor: more ? page[page.length - 1].id : null };
  }
}
