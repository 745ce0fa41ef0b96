import { runMain } from '@commontrace/runtime';
import { backfillCommand, EmbeddingModule } from '@commontrace/service-embedding';

// The embedding service as its own process (microservices mode): NATS queue group "embedding".
// `node main.js backfill [--build-configured] [--retry-set-aside]` embeds every trace that lacks a
// current vector of the serving model, then exits (see backfillCommand).
void runMain({
  service: 'embedding',
  features: [EmbeddingModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3002,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
  commands: { backfill: backfillCommand },
});
