import { runMain } from '@commontrace/runtime';
import { EmbeddingModule } from '@commontrace/service-embedding';

// The embedding service as its own process (microservices mode): NATS queue group "embedding".
void runMain({
  service: 'embedding',
  features: [EmbeddingModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3002,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
});
