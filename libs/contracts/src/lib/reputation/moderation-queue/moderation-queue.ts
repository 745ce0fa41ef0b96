import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { FlagCategory } from '../../core/enums';
import { PageQuery } from '../../core/paging';

/** The three lists of the moderation queue. */
export const QUEUE_SECTIONS = ['flagged', 'amendments', 'duplicates'] as const;
export type QueueSection = (typeof QUEUE_SECTIONS)[number];

/**
 * `GET /moderation/queue?section=&limit=&cursor=`. Without `section`, the first page of every
 * section; with it, that section only, continued from `cursor` (its `next_cursor`).
 */
export class QueuePage extends PageQuery {
  @IsOptional()
  @IsIn(QUEUE_SECTIONS)
  section?: QueueSection;

  @IsOptional()
  @Transform(({ value }) => (typeof value === 'number' ? String(value) : value))
  @Matches(/^[0-9]{1,9}$/, { message: 'must be a next_cursor of this section' })
  cursor?: string;
}

export class ModerationQueueRequest extends QueuePage {
  @IsUUID()
  moderator_id: string;
}

/** A trace with open flags: heaviest first. */
export interface FlaggedTrace {
  trace_id: string;
  title: string;
  status: string;
  contributor_id: string;
  open_flags: number;
  /** Open flags by category. */
  by_category: Partial<Record<FlagCategory, number>>;
  /** The weight toward hiding (accounts of one origin once; duplicate flags do not count). */
  weight: number;
  /** The newest reasons given (at most three). */
  latest_reasons: { category: FlagCategory; reason: string; created_at: string }[];
}

export interface PendingAmendment {
  amendment_id: string;
  trace_id: string;
  trace_title: string;
  author_id: string;
  explanation: string;
  created_at: string;
}

/** Open duplicate flags from agents with the duplicate-close privilege, by the original they name. */
export interface DuplicateCloseVotes {
  trace_id: string;
  duplicate_of: string;
  /** Votes from independent origins; at the configured number the duplicate is merged. */
  votes: number;
  voters: string[];
}

export interface QueueSectionPage<T> {
  items: T[];
  next_cursor: string | null;
}

export interface ModerationQueueReply {
  flagged?: QueueSectionPage<FlaggedTrace>;
  amendments?: QueueSectionPage<PendingAmendment>;
  duplicates?: QueueSectionPage<DuplicateCloseVotes>;
}

export const contract = defineRequest<ModerationQueueRequest, ModerationQueueReply>('ct.v1.reputation.moderation-queue', ModerationQueueRequest);
