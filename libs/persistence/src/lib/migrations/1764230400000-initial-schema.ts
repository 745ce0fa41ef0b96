import { MigrationInterface, QueryRunner } from 'typeorm';

/** Title and tags weigh most, then the context, then the solution. */
const SEARCH_VECTOR =
  "setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', ct_tags_text(tags)), 'A') || " +
  "setweight(to_tsvector('english', context_text), 'B') || setweight(to_tsvector('english', solution_text), 'C')";

/**
 * The first schema: every table of DESIGN.md §4. Written by hand; the entities mirror it
 * (a spec compares them). The vector column is 1536 wide; smaller models are zero-padded.
 */
export class InitialSchema1764230400000 implements MigrationInterface {
  name = 'InitialSchema1764230400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS vector`);

    // Gateway
    await q.query(`
      CREATE TABLE accounts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text,
        email text,
        tier text NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'pro', 'team')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        key_hash char(64) NOT NULL,
        prefix text NOT NULL,
        name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await q.query(`CREATE INDEX api_keys_account_idx ON api_keys (account_id)`);
    await q.query(`
      CREATE TABLE usage_counters (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind text NOT NULL,
        window_start timestamptz NOT NULL,
        count int NOT NULL DEFAULT 0,
        PRIMARY KEY (account_id, kind, window_start)
      )`);

    // Ingest
    await q.query(`
      CREATE FUNCTION ct_tags_text(text[]) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT coalesce(array_to_string($1, ' '), '') $$`);
    await q.query(`
      CREATE TABLE traces (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        context_text text NOT NULL,
        solution_text text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        language text,
        framework text,
        metadata jsonb NOT NULL DEFAULT '{}',
        agent_model text,
        agent_version text,
        contributor_id uuid NOT NULL REFERENCES accounts(id),
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'validated', 'stale', 'superseded', 'hidden')),
        content_hash char(64) NOT NULL,
        version int NOT NULL DEFAULT 1,
        supersedes uuid REFERENCES traces(id),
        superseded_by uuid REFERENCES traces(id),
        review_after timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED
      )`);
    // TypeORM reads the expressions of generated columns from its metadata table.
    await q.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        "type" varchar NOT NULL, "database" varchar, "schema" varchar, "table" varchar, "name" varchar, "value" text
      )`);
    await q.query(
      `INSERT INTO typeorm_metadata ("type", "database", "schema", "table", "name", "value")
       VALUES ('GENERATED_COLUMN', current_database(), current_schema(), 'traces', 'search_vector', $1)`,
      [SEARCH_VECTOR],
    );
    await q.query(`CREATE INDEX traces_search_vector_idx ON traces USING gin (search_vector)`);
    await q.query(`CREATE INDEX traces_tags_idx ON traces USING gin (tags)`);
    await q.query(`CREATE INDEX traces_content_hash_idx ON traces (content_hash)`);
    await q.query(`CREATE INDEX traces_contributor_idx ON traces (contributor_id)`);
    await q.query(`CREATE INDEX traces_status_idx ON traces (status)`);
    await q.query(`
      CREATE TABLE trace_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        version int NOT NULL,
        title text NOT NULL,
        context_text text NOT NULL,
        solution_text text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        metadata jsonb NOT NULL DEFAULT '{}',
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trace_versions_trace_version_key UNIQUE (trace_id, version)
      )`);
    await q.query(`
      CREATE TABLE amendments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        author_id uuid NOT NULL,
        improved_solution text NOT NULL,
        explanation text NOT NULL,
        title text,
        context_text text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),
        reviewed_by uuid,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX amendments_trace_idx ON amendments (trace_id)`);
    await q.query(`
      CREATE TABLE trace_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        source_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        target_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        kind text NOT NULL
          CHECK (kind IN ('related', 'duplicate_of', 'supersedes', 'alternative_to', 'contradicts')),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT trace_links_source_target_kind_key UNIQUE (source_id, target_id, kind),
        CHECK (source_id <> target_id)
      )`);

    // Embedding
    await q.query(`
      CREATE TABLE trace_embeddings (
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        model text NOT NULL,
        provider text NOT NULL,
        dimensions int NOT NULL CHECK (dimensions BETWEEN 1 AND 1536),
        embedding vector(1536) NOT NULL,
        content_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (trace_id, model)
      )`);
    await q.query(`CREATE INDEX trace_embeddings_hnsw_idx ON trace_embeddings USING hnsw (embedding vector_cosine_ops)`);

    // Reputation
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES accounts(id),
        direction smallint NOT NULL CHECK (direction IN (-1, 1)),
        weight real NOT NULL,
        outcome text NOT NULL,
        feedback text NOT NULL,
        voter_context jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT votes_trace_voter_key UNIQUE (trace_id, voter_id)
      )`);
    await q.query(`
      CREATE TABLE trace_scores (
        trace_id uuid PRIMARY KEY REFERENCES traces(id) ON DELETE CASCADE,
        weighted_up real NOT NULL DEFAULT 0,
        weighted_down real NOT NULL DEFAULT 0,
        trust real NOT NULL DEFAULT 0,
        confirmations int NOT NULL DEFAULT 0,
        last_confirmed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE reputation (
        account_id uuid PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        points int NOT NULL DEFAULT 1 CHECK (points >= 1),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE domain_reputation (
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        tag text NOT NULL,
        up real NOT NULL DEFAULT 0,
        down real NOT NULL DEFAULT 0,
        wilson real NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, tag)
      )`);
    await q.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        flagger_id uuid NOT NULL REFERENCES accounts(id),
        reason text NOT NULL,
        details text,
        weight real NOT NULL DEFAULT 1,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
        resolved_by uuid,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flags_trace_flagger_key UNIQUE (trace_id, flagger_id)
      )`);
    await q.query(`
      CREATE TABLE reputation_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        delta int NOT NULL,
        reason text NOT NULL,
        trace_id uuid,
        source_event_id uuid,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reputation_events_account_idx ON reputation_events (account_id)`);

    // Messaging
    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        available_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_unsent_idx ON outbox (available_at) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE processed_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'processed_events', 'outbox', 'reputation_events', 'flags', 'domain_reputation', 'reputation',
      'trace_scores', 'votes', 'trace_embeddings', 'trace_links', 'amendments', 'trace_versions', 'traces',
      'usage_counters', 'api_keys', 'accounts',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS ct_tags_text(text[])`);
    await q.query(`DELETE FROM typeorm_metadata WHERE "type" = 'GENERATED_COLUMN' AND "table" = 'traces'`);
  }
}
