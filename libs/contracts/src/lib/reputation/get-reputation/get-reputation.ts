import { IsUUID } from 'class-validator';
import { defineRequest } from '../../core/contract';

export class GetReputationRequest {
  @IsUUID()
  contributor_id: string;
}

export interface GetReputationReply {
  contributor_id: string;
  points: number;
  traces_contributed: number;
}

export const contract = defineRequest<GetReputationRequest, GetReputationReply>('ct.v1.reputation.get-reputation', GetReputationRequest);
