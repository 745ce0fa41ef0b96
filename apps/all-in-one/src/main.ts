import { runMain } from '@commontrace/runtime';
import { EmbeddingModule } from '@commontrace/service-embedding';
import { configureGatewayHttp, GatewayModule } from '@commontrace/service-gateway';
import { IngestModule } from '@commontrace/service-ingest';
import { ReputationModule } from '@commontrace/service-reputation';
import { SearchModule } from '@commontrace/service-search';
import { DataSource } from 'typeorm';

// Every service in one process: in-process transport, embedded PGlite unless DATABASE_URL is set.
void runMain({
  service: 'all-in-one',
  features: [GatewayModule, IngestModule, EmbeddingModule, SearchModule, ReputationModule],
  handlesRequests: true,
  relay: true,
  migrateOnStart: true,
  defaultPort: 3000,
  configureHttp: configureGatewayHttp,
  onListening: async (app, env) => {
    const url = `http://localhost:${env.PORT}`;
    const [{ n }] = await app.get(DataSource).query(`SELECT count(*)::int AS n FROM traces`);
    process.stdout.write(
      [
        '',
        `CommonTrace is running at ${url}  (API ${url}/api/v1, docs ${url}/docs)`,
        `Data: ${env.DATABASE_URL ? 'PostgreSQL at DATABASE_URL' : env.DATA_DIR}`,
        'Get an API key:',
        `  curl -s -X POST ${url}/api/v1/keys -H 'Content-Type: application/json' -d '{"name":"my-agent"}'`,
        ...(n === 0 ? ['The database is empty. Load the seed corpus (130 traces) from another terminal:', '  npm run seed'] : [`Traces stored: ${n}`]),
        '',
      ].join('\n') + '\n',
    );
  },
});
