import { DomainError, ErrorCode } from '@commontrace/contracts';
import { HASHING_DIMENSIONS, HASHING_MAX_INPUT_CHARS, HASHING_MODEL_ID, hashingEmbed } from '@commontrace/domain-embedding';
import { UseCaseHarness } from '@commontrace/testing';
import { EmbeddingModule } from '../../embedding.module';
import { EmbeddingModels } from '../../models/embedding-models';
import { EmbedTextsUseCase } from './embed-texts.usecase';

describe('EmbedTextsUseCase', () => {
  let h: UseCaseHarness;
  let embed: EmbedTextsUseCase;

  beforeAll(async () => {
    h = await UseCaseHarness.start({ module: EmbeddingModule });
    embed = h.get(EmbedTextsUseCase);
  });
  afterAll(() => h?.close());

  it('answers service_unavailable while no model serves', async () => {
    const error = await embed.execute({ texts: ['anything'] }).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.ServiceUnavailable);
  });

  it('answers with the serving model: one vector per text, in order', async () => {
    await h.get(EmbeddingModels).registerConfigured();
    const texts = ['ECONNREFUSED 127.0.0.1:5432 when the tests start', 'cargo build: E0502 borrow of moved value'];
    expect(await embed.execute({ texts })).toEqual({
      model: HASHING_MODEL_ID,
      dimensions: HASHING_DIMENSIONS,
      vectors: texts.map((t) => hashingEmbed(t)),
    });
  });

  it('cuts a text over the model\'s limit instead of failing', async () => {
    const start = 'webpack JavaScript heap out of memory '.repeat(1000);
    const long = `${start.slice(0, HASHING_MAX_INPUT_CHARS)}${'and everything after the limit '.repeat(100)}`;
    const { vectors } = await embed.execute({ texts: [long] });
    expect(vectors[0]).toEqual(hashingEmbed(start.slice(0, HASHING_MAX_INPUT_CHARS)));
  });

  it('keeps answering with the serving model while another one is being built', async () => {
    await h.query(
      `INSERT INTO embedding_models (model, provider, provider_model, state, building_since)
       VALUES ('openai:text-embedding-3-small', 'openai', 'text-embedding-3-small', 'building', now())`,
    );
    expect((await embed.execute({ texts: ['still offline'] })).model).toBe(HASHING_MODEL_ID);
  });
});
