import { IsIn, IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';

export const LINK_KINDS = ['related', 'alternative_to', 'contradicts', 'duplicate_of', 'supersedes'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** POST /traces/{id}/links body: this trace is <kind> the target. */
export class LinkInput {
  @IsUUID()
  target_id: string;

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
