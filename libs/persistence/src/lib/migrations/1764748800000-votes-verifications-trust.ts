import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables of votes, verifications, trust, flags and moderation, in the shape the reputation
 * service uses (the initial schema only sketched them, and nothing wrote them yet, so they are
 * recreated). Accounts record where they were registered from, so that signals from accounts of
 * one origin count once; traces may be `disputed`.
 */
export class VotesVerificationsTrust1764748800000 implements MigrationInterface {
  name = 'VotesVerificationsTrust1764748800000';

  async up(q: QueryRunner): Promise<void> {
    // Gateway: the origin of an account (a hash of the network it registered from) and the account whose key created it.
    await q.query(`ALTER TABLE accounts ADD COLUMN origin text, ADD COLUMN created_by uuid REFERENCES accounts(id)`);
    await q.query(`CREATE INDEX accounts_origin_idx ON accounts (origin)`);
    await q.query(`CREATE INDEX accounts_created_at_idx ON accounts (created_at)`);

    // Ingest: `disputed`, and the time of the last standing applied (a late, older decision is ignored).
    await q.query(`ALTER TABLE traces DROP CONSTRAINT traces_status_check`);
    await q.query(`
      ALTER TABLE traces ADD CONSTRAINT traces_status_check
        CHECK (status IN ('pending', 'validated', 'stale', 'disputed', 'superseded', 'hidden'))`);
    await q.query(`ALTER TABLE traces ADD COLUMN standing_decided_at timestamptz`);

    // Reputation
    await q.query(`DROP TABLE votes`);
    await q.query(`
      CREATE TABLE votes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        voter_id uuid NOT NULL REFERENCES accounts(id),
        direction smallint NOT NULL CHECK (direction IN (-1, 1)),
        feedback_tag text,
        feedback_text text NOT NULL,
        voter_context jsonb,
        weight real NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT votes_trace_voter_key UNIQUE (trace_id, voter_id),
        CONSTRAINT votes_down_tag_check
          CHECK (direction = 1 OR feedback_tag IN ('outdated', 'wrong', 'security_concern', 'spam'))
      )`);
    await q.query(`CREATE INDEX votes_voter_idx ON votes (voter_id)`);
    await q.query(`
      CREATE TABLE verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        verifier_id uuid NOT NULL REFERENCES accounts(id),
        outcome text NOT NULL CHECK (outcome IN ('worked_as_written', 'worked_with_changes', 'did_not_work')),
        environment jsonb NOT NULL,
        environment_key text NOT NULL,
        changes text,
        error_signature text,
        trace_version int NOT NULL,
        counted boolean NOT NULL,
        weight real NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT verifications_trace_verifier_environment_key UNIQUE (trace_id, verifier_id, environment_key),
        CONSTRAINT verifications_changes_check CHECK (outcome <> 'worked_with_changes' OR changes IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX verifications_verifier_idx ON verifications (verifier_id)`);
    await q.query(`DROP TABLE trace_scores`);
    await q.query(`
      CREATE TABLE trace_scores (
        trace_id uuid PRIMARY KEY REFERENCES traces(id) ON DELETE CASCADE,
        weighted_up real NOT NULL DEFAULT 0,
        weighted_down real NOT NULL DEFAULT 0,
        worked real NOT NULL DEFAULT 0,
        worked_with_changes real NOT NULL DEFAULT 0,
        did_not_work real NOT NULL DEFAULT 0,
        trust real NOT NULL DEFAULT 0,
        evidence real NOT NULL DEFAULT 0,
        independent_agents int NOT NULL DEFAULT 0,
        label text NOT NULL DEFAULT 'unverified' CHECK (label IN ('unverified', 'verified', 'disputed', 'stale')),
        standing text NOT NULL DEFAULT 'pending' CHECK (standing IN ('pending', 'validated', 'stale', 'disputed', 'hidden')),
        last_verified_at timestamptz,
        environments jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`DROP TABLE flags`);
    await q.query(`
      CREATE TABLE flags (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        flagger_id uuid NOT NULL REFERENCES accounts(id),
        category text NOT NULL CHECK (category IN ('spam', 'harmful', 'incorrect', 'duplicate', 'outdated')),
        reason text NOT NULL,
        duplicate_of uuid REFERENCES traces(id) ON DELETE SET NULL,
        weight real NOT NULL,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
        resolved_by uuid REFERENCES accounts(id),
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flags_trace_flagger_key UNIQUE (trace_id, flagger_id)
      )`);
    await q.query(`CREATE INDEX flags_open_idx ON flags (trace_id) WHERE status = 'open'`);
    await q.query(`
      CREATE TABLE moderation_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        moderator_id uuid REFERENCES accounts(id),
        action text NOT NULL CHECK (action IN ('hide', 'restore', 'resolve_flags', 'dismiss_flags', 'merge_duplicate')),
        trace_id uuid NOT NULL REFERENCES traces(id) ON DELETE CASCADE,
        related_trace_id uuid REFERENCES traces(id) ON DELETE SET NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX moderation_actions_created_idx ON moderation_actions (created_at, id)`);
    // The ledger: one row per source of points (a vote, a verification, an amendment, a removal),
    // so that a changed vote replaces its row's delta instead of stacking another one.
    await q.query(`ALTER TABLE reputation_events ADD COLUMN source_key text`);
    await q.query(`UPDATE reputation_events SET source_key = 'legacy:' || id`);
    await q.query(`ALTER TABLE reputation_events ALTER COLUMN source_key SET NOT NULL`);
    await q.query(`ALTER TABLE reputation_events ADD CONSTRAINT reputation_events_source_key UNIQUE (account_id, source_key)`);
    await q.query(`ALTER TABLE reputation_events ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE reputation_events DROP COLUMN updated_at`);
    await q.query(`ALTER TABLE reputation_events DROP CONSTRAINT reputation_events_source_key`);
    await q.query(`ALTER TABLE reputation_events DROP COLUMN source_key`);
    await q.query(`DROP TABLE moderation_actions`);
    await q.query(`DROP TABLE flags`);
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
    await q.query(`DROP TABLE trace_scores`);
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
    await q.query(`DROP TABLE verifications`);
    await q.query(`DROP TABLE votes`);
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
    await q.query(`UPDATE traces SET status = 'pending' WHERE status = 'disputed'`);
    await q.query(`ALTER TABLE traces DROP COLUMN standing_decided_at`);
    await q.query(`ALTER TABLE traces DROP CONSTRAINT traces_status_check`);
    await q.query(`
      ALTER TABLE traces ADD CONSTRAINT traces_status_check
        CHECK (status IN ('pending', 'validated', 'stale', 'superseded', 'hidden'))`);
    await q.query(`DROP INDEX accounts_created_at_idx`);
    await q.query(`DROP INDEX accounts_origin_idx`);
    await q.query(`ALTER TABLE accounts DROP COLUMN created_by, DROP COLUMN origin`);
  }
}
