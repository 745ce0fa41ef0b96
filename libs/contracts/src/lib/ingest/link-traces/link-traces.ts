import { IsIn, IsUUID } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { defineRequest } from '../../core/contract';
import { LINK_KINDS, LinkKind } from '../../core/enums';

/**
 * POST /traces/{id}/links body: this trace is <kind> the target. Every link needs the source's
 * owner or 100 reputation; `duplicate_of` closes the source as a duplicate (its owner or 250);
 * `supersedes` turns the target superseded (also the target's owner or 250).
 */
export class LinkInput {
  @ApiProperty({ format: 'uuid', example: '6f1c2b9e-8a41-4c3e-9d2f-1b7a5e0c4d93' })
  @IsUUID()
  target_id: string;

  @ApiProperty({ enum: LINK_KINDS, example: 'related' })
  @IsIn(LINK_KINDS)
  kind: LinkKind;
}

export class LinkTracesRequest extends LinkInput {
  @IsUUID()
  source_id: string;

  @IsUUID()
  created_by: string;
}

export interface LinkView {
  id: string;
  source_id: string;
  target_id: string;
  kind: LinkKind;
  created_by: string;
  created_at: string;
}

export const contract = defineRequest<LinkTracesRequest, LinkView>('ct.v1.ingest.link-traces', LinkTracesRequest);
