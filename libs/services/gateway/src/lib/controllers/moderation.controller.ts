import { applyDecorators, Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ErrorCode, PAGE_LIMITS, ReputationModerateTrace as M, ReputationModerationLog, ReputationModerationQueue } from '@commontrace/contracts';
import { BusClient } from '@commontrace/messaging';
import { AuthenticatedAccount, CurrentAccount } from '../auth/current-account';
import { ApiProblems, ApiSuccess, AUTHENTICATED_PROBLEMS, BODY_PROBLEMS, BUS_PROBLEMS, IDEMPOTENCY_PROBLEMS } from '../http/api-docs';
import { ModerateReplyView, ModerationLogView, ModerationQueueView } from '../http/models/moderation.models';

const LIST_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ErrorCode.ValidationFailed, ErrorCode.InsufficientReputation];
const ACTION_PROBLEMS = [...AUTHENTICATED_PROBLEMS, ...BUS_PROBLEMS, ...BODY_PROBLEMS, ...IDEMPOTENCY_PROBLEMS, ErrorCode.InsufficientReputation];
/** A moderation action's answer and errors (the trace may not exist, or not allow the action; a reason is screened). */
const Action = () =>
  applyDecorators(
    ApiSuccess(200, ModerateReplyView, 'the action as the audit log keeps it, and what it changed'),
    ApiProblems(...ACTION_PROBLEMS, ErrorCode.NotFound, ErrorCode.Conflict, ErrorCode.SecretDetected, ErrorCode.ContentTooComplex),
  );

const Limit = () =>
  ApiQuery({ name: 'limit', required: false, type: Number, description: `items per page, 1-${PAGE_LIMITS.maxLimit} (default ${PAGE_LIMITS.defaultLimit})` });

/** Moderation (2500 reputation): the queue, the audit log, and the actions on a trace. */
@ApiTags('moderation')
@ApiSecurity('api-key')
@Controller('moderation')
export class ModerationController {
  constructor(private readonly bus: BusClient) {}

  @Get('queue')
  @ApiOperation({ summary: 'What waits for moderators: flagged traces, pending amendments, duplicate-close votes (?section= to page one)' })
  @ApiQuery({ name: 'section', required: false, enum: ReputationModerationQueue.QUEUE_SECTIONS })
  @applyDecorators(Limit(), ApiQuery({ name: 'cursor', required: false, type: String, description: 'next_cursor of the section (with section)' }))
  @ApiSuccess(200, ModerationQueueView, 'the first page of each section, or the page of one')
  @ApiProblems(...LIST_PROBLEMS)
  queue(@Query() page: ReputationModerationQueue.QueuePage, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationModerationQueue.contract, { ...page, moderator_id: account.id });
  }

  @Get('log')
  @ApiOperation({ summary: 'The audit log of moderation, newest first (?limit=, ?cursor= from next_cursor)' })
  @applyDecorators(Limit(), ApiQuery({ name: 'cursor', required: false, type: String, description: 'next_cursor of the previous page' }))
  @ApiSuccess(200, ModerationLogView, 'a page of the audit log')
  @ApiProblems(...LIST_PROBLEMS)
  log(@Query() page: ReputationModerationLog.LogPage, @CurrentAccount() account: AuthenticatedAccount) {
    return this.bus.request(ReputationModerationLog.contract, { ...page, moderator_id: account.id });
  }

  @Post('traces/:id/hide')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hide a trace (spam: true removes it as spam: its contributor loses 50 points)' })
  @Action()
  hide(@Param('id') id: string, @Body() body: M.HideInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.act(id, account, { action: 'hide', reason: body.reason, spam: body.spam });
  }

  @Post('traces/:id/restore')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restore a hidden trace to the standing its evidence earned (dismisses its open flags, returns spam points)' })
  @Action()
  restore(@Param('id') id: string, @Body() body: M.ReasonInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.act(id, account, { action: 'restore', reason: body.reason });
  }

  @Post('traces/:id/flags/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: "Close a trace's open flags as resolved (they were right) or dismissed" })
  @Action()
  resolve(@Param('id') id: string, @Body() body: M.ResolveFlagsInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.act(id, account, { action: body.outcome === 'resolved' ? 'resolve_flags' : 'dismiss_flags', reason: body.reason });
  }

  @Post('traces/:id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate into target_id: links it duplicate_of, resolves its duplicate flags, hides it' })
  @Action()
  merge(@Param('id') id: string, @Body() body: M.MergeInput, @CurrentAccount() account: AuthenticatedAccount) {
    return this.act(id, account, { action: 'merge_duplicate', target_id: body.target_id, reason: body.reason });
  }

  private act(id: string, account: AuthenticatedAccount, fields: Omit<M.ModerateTraceRequest, 'trace_id' | 'moderator_id'>) {
    return this.bus.request(M.contract, { ...fields, trace_id: id, moderator_id: account.id });
  }
}
