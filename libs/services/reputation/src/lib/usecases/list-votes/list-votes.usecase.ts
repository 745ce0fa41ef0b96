import { Injectable } from '@nestjs/common';
import { fitPage, PAGE_LIMITS, ReputationListVotes } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { listPage } from '../../paging/list-page';
import { toVoteView, VoteRow } from '../cast-vote/vote-view';

/** A trace's votes with their feedback, newest first, a page at a time; the cursor is the last vote of a page. */
@Injectable()
export class ListVotesUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(request: ReputationListVotes.ListVotesRequest): Promise<ReputationListVotes.ListVotesReply> {
    const rows = await listPage<VoteRow>(this.dataSource, 'votes', request);
    const { page, more } = fitPage(rows.map(toVoteView), request.limit ?? PAGE_LIMITS.defaultLimit);
    return { votes: page, next_cursor: more ? page[page.length - 1].id : null };
  }
}
