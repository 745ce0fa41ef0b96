import { Injectable } from '@nestjs/common';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { EmbeddingProvider } from '../../providers/embedding-provider';

/** On-demand vectors for callers that need one now (search queries, ingest's duplicate check). */
@Injectable()
export class EmbedTextsUseCase {
  constructor(private readonly provider: EmbeddingProvider) {}

  async execute(request: EmbeddingEmbedTexts.EmbedTextsRequest): Promise<EmbeddingEmbedTexts.EmbedTextsReply> {
    const vectors = await this.provider.embed(request.texts);
    return { model: this.provider.model, dimensions: this.provider.dimensions, vectors };
  }
}
