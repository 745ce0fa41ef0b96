import { Injectable } from '@nestjs/common';
import { PAGE_LIMITS, ReputationModerateTrace, ReputationModerationLog } from '@commontrace/contracts';
import { DataSource } from 'typeorm';
import { PrivilegeCheck } from '../../privileges/privilege-check';

/** The audit log of moderation, newest first, a page at a time; for moderators only. */
@Injectable()
export class ModerationLogUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly privileges: PrivilegeCheck,
  ) {}

  async execute(request: ReputationModerationLog.ModerationLogRequest): Promise<ReputationModerationLog.ModerationLogReply> {
    const m = this.dataSource.manager;
    await this.privileges.require(m, request.moderator_id, 'moderate', 'read the moderation log');
    const limit = request.limit ?? PAGE_LIMITS.defaultLimit;
    const rows: ReputationModerateTrace.ModerationActionView[] = await m.query(
      `SELECT id, action, trace_id, related_trace_id, moderator_id, reason, created_at FROM moderation_actions
       WHERE $1::uuid IS NULL OR (created_at, id) < (SELECT created_at, id FROM moderation_actions WHERE id = $1)
       ORDER BY created_at DESC, id DESC LIMIT $2`,
      [request.cursor ?? null, limit + 1],
    );
    const page = rows.slice(0, limit).map((r) => ({ ...r, created_at: new Date(r.created_at).toISOString() }));
    return { actions: page, next_cursor: rows.length > limit ? page[page.length - 1].id : null };
  }
}
