import { runMain } from '@commontrace/runtime';
import { configureGatewayHttp, GatewayModule } from '@commontrace/service-gateway';

// The REST gateway (microservices mode): reaches the services over NATS.
void runMain({
  service: 'gateway',
  features: [GatewayModule],
  handlesRequests: false,
  relay: false,
  defaultPort: 3000,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
  configureHttp: configureGatewayHttp,
});
