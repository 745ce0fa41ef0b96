import { MessagePattern, Payload } from '@nestjs/microservices';
import { EmbeddingEmbedTexts } from '@commontrace/contracts';
import { BusController } from '@commontrace/messaging';
import { EmbedTextsUseCase } from './usecases/embed-texts/embed-texts.usecase';

@BusController()
export class EmbeddingController {
  constructor(private readonly embedTexts: EmbedTextsUseCase) {}

  @MessagePattern(EmbeddingEmbedTexts.contract.subject)
  embed(@Payload() request: EmbeddingEmbedTexts.EmbedTextsRequest) {
    return this.embedTexts.execute(request);
  }
}
