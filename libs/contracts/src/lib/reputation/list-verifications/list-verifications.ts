import { IsOptional, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';
import { PageQuery } from '../../core/paging';
import { VerificationView } from '../record-verification/record-verification';

/** `GET /traces/{id}/verifications?limit=&cursor=`: newest first. */
export class VerificationsPage extends PageQuery {
  @IsOptional()
  @IsUUID(undefined, { message: 'must be a next_cursor of this list' })
  cursor?: string;
}

export class ListVerificationsRequest extends VerificationsPage {
  @IsUUID()
  trace_id: string;
}

export interface ListVerificationsReply {
  verifications: VerificationView[];
  next_cursor: string | null;
}

export const contract = defineRequest<ListVerificationsRequest, ListVerificationsReply>('ct.v1.reputation.list-verifications', ListVerificationsRequest);
