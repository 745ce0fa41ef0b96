import { runMain } from '@commontrace/runtime';
import { SearchModule } from '@commontrace/service-search';

// The search service as its own process (microservices mode): NATS queue group "search".
void runMain({
  service: 'search',
  features: [SearchModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3003,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
});
