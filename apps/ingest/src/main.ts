import { runMain } from '@commontrace/runtime';
import { IngestModule, reindexCommand } from '@commontrace/service-ingest';

// The ingest service as its own process (microservices mode): NATS queue group "ingest".
// `node main.js reindex [--all]` brings the lexical index to the current tokenizer version, then exits.
void runMain({
  service: 'ingest',
  features: [IngestModule],
  handlesRequests: true,
  relay: true,
  defaultPort: 3001,
  requireEnv: ['DATABASE_URL', 'NATS_URL'],
  commands: { reindex: reindexCommand },
});
