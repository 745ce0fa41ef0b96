import { IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';
import { ModerationActionView } from '../moderate-trace/moderate-trace';

/** `GET /moderation/log?limit=&cursor=`: the audit log, newest first. */
export class LogPage extends PageQuery {
  @IsOptional()
  @IsUUID(undefined, { message: 'must be a next_cursor of this list' })
  cursor?: string;
}

export class ModerationLogRequest extends LogPage {
  @IsUUID()
  moderator_id: string;
}

export interface ModerationLogReply {
  actions: ModerationActionView[];
  next_cursor: string | null;
}

export const contract = defineRequest<ModerationLogRequest, ModerationLogReply>('ct.v1.reputation.moderation-log', ModerationLogRequest);
