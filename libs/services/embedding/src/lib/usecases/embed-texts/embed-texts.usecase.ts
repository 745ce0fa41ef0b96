import { Injectable } from '@nestjs/common';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { EmbeddingModels } from '../../models/embedding-models';

/** On-demand vectors from the serving model, for callers that need one now (search queries, duplicate checks). */
@Injectable()
export class EmbedTextsUseCase {
  constructor(private readonly models: EmbeddingModels) {}

  async execute(request: EmbeddingEmbedTexts.EmbedTextsRequest): Promise<EmbeddingEmbedTexts.EmbedTextsReply> {
    const serving = await this.models.serving();
    const vectors = await this.models.embed(serving, request.texts);
    return { model: serving.model, dimensions: vectors[0]?.length ?? 0, vectors };
  }
}
