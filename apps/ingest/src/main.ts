import { runMain } from '@commontrace/runtime';
import { IngestModule } from '@commontrace/service-ingest';

// The ingest service as its own process (microservices mode): NATS queue group "ingest".
void runMain({
  service: 'ingest',
  features: [IngestModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3001,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
});
