import { IsIn, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { defineRequest } from '../../core/contract';
import { AMENDMENT_DECISIONS, AmendmentDecision } from '../../core/enums';
import { AmendmentView } from '../amend-trace/amend-trace';

export class ReviewDecision {
  @ApiProperty({ enum: AMENDMENT_DECISIONS, example: 'accept' })
  @IsIn(AMENDMENT_DECISIONS)
  decision: AmendmentDecision;
}

export class ReviewAmendmentRequest extends ReviewDecision {
  @IsUUID()
  trace_id: string;

  @IsUUID()
  amendment_id: string;

  @IsUUID()
  reviewer_id: string;
}

export interface ReviewAmendmentReply {
  amendment: AmendmentView;
  /** The trace's version after the review (a new one when accepted). */
  version: number;
}

export const contract = defineRequest<ReviewAmendmentRequest, ReviewAmendmentReply>('ct.v1.ingest.review-amendment', ReviewAmendmentRequest);
