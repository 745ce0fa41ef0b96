import { runMain } from '@commontrace/runtime';
import { BackfillEmbeddingsUseCase, EmbeddingModule } from '@commontrace/service-embedding';

// The embedding service as its own process (microservices mode): NATS queue group "embedding".
// `node main.js backfill` embeds every trace that lacks a current vector, then exits.
void runMain({
  service: 'embedding',
  features: [EmbeddingModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3002,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
  commands: { backfill: (app) => app.get(BackfillEmbeddingsUseCase).execute({ graceSeconds: 0 }) },
});
