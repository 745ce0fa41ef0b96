import { runMain } from '@commontrace/runtime';
import { rebuildCommand, ReputationModule } from '@commontrace/service-reputation';

// The reputation service as its own process (microservices mode): NATS queue group "reputation".
// `node main.js rebuild` recomputes trust, domain reputation and the vote/verification ledger, then exits.
void runMain({
  service: 'reputation',
  features: [ReputationModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3004,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
  commands: { rebuild: rebuildCommand },
});
