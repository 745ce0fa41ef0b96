import { IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';
import { VoteView } from '../cast-vote/cast-vote';

/** `GET /traces/{id}/votes?limit=&cursor=`: newest first. */
export class VotesPage extends PageQuery {
  @IsOptional()
  @IsUUID(undefined, { message: 'must be a next_cursor of this list' })
  cursor?: string;
}

export class ListVotesRequest extends VotesPage {
  @IsUUID()
  trace_id: string;
}

export interface ListVotesReply {
  votes: VoteView[];
  next_cursor: string | null;
}

export const contract = defineRequest<ListVotesRequest, ListVotesReply>('ct.v1.reputation.list-votes', ListVotesRequest);
