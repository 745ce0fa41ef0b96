import { runMain } from '@commontrace/runtime';
import { ReputationModule } from '@commontrace/service-reputation';

// The reputation service as its own process (microservices mode): NATS queue group "reputation".
void runMain({
  service: 'reputation',
  features: [ReputationModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3004,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
});
