import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { defineRequest } from '../../core/contract';

export class EmbedTextsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(120_000, { each: true })
  texts: string[];
}

export interface EmbedTextsReply {
  /** The model id the vectors belong to: only vectors of the same model may be compared. */
  model: string;
  dimensions: number;
  vectors: number[][];
}

export const contract = defineRequest<EmbedTextsRequest, EmbedTextsReply>('ct.v1.embedding.embed-texts', EmbedTextsRequest);
