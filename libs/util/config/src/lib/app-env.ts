import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const EMBEDDING_PROVIDERS = ['offline', 'openai', 'local'] as const;
export type EmbeddingProviderKind = (typeof EMBEDDING_PROVIDERS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '')
    : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting CommonTrace reads from the environment, validated once at start-up.
 * Mode: with NATS_URL the process joins the microservices over NATS; without it, the
 * all-in-one process uses its in-process transport. With DATABASE_URL it uses that
 * PostgreSQL; without it (all-in-one only) the embedded PGlite database in DATA_DIR.
 */
export class AppEnv {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** HTTP port: the API for the gateway and all-in-one, health and metrics for the others. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^nats:\/\//, { message: 'NATS_URL must be a nats:// URL (comma-separate several servers)' })
  NATS_URL?: string;

  /** Where the all-in-one mode keeps its embedded database. */
  @IsString()
  DATA_DIR = '.commontrace/data';

  /** Deadline for a request/reply over the bus. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  BUS_TIMEOUT_MS = 5000;

  /** How often the outbox relay looks for unsent events when nothing nudged it. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 1000;

  /**
   * Where vectors come from: `offline` (feature hashing, no model), `openai` (the OpenAI API,
   * or any OpenAI-compatible server at OPENAI_BASE_URL), `local` (an ONNX sentence model on
   * disk, run by transformers.js). Changing it re-embeds every trace in the background.
   */
  @IsIn(EMBEDDING_PROVIDERS)
  EMBEDDING_PROVIDER: EmbeddingProviderKind = 'offline';

  /** Model name: default text-embedding-3-small (openai), the folder name under LOCAL_MODEL_PATH (local). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  EMBEDDING_MODEL?: string;

  /** Ask the model for this many dimensions (OpenAI text-embedding-3 models); at most 1536. */
  @Transform(toInt)
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1536)
  EMBEDDING_DIMENSIONS?: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(2048)
  EMBEDDING_BATCH_SIZE = 64;

  /** Per request to the provider. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EMBEDDING_TIMEOUT_MS = 15_000;

  /** Retries after a 429, a 5xx or a network error, with exponential back-off and jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10)
  EMBEDDING_MAX_RETRIES = 4;

  /** After repeated provider failures the circuit opens; one call is tried again after this long. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  EMBEDDING_BREAKER_RESET_MS = 30_000;

  /** The sweep leaves traces younger than this to the event consumer, which is about to embed them. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  EMBEDDING_SWEEP_GRACE_MS = 10_000;

  /** How often the embedding service looks for traces without a current vector (and finishes model switches). */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  EMBEDDING_SWEEP_MS = 30_000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  OPENAI_API_KEY?: string;

  /** An OpenAI-compatible server (a local model server); with it no OPENAI_API_KEY is needed. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\//, { message: 'OPENAI_BASE_URL must be an http(s) URL' })
  OPENAI_BASE_URL?: string;

  /** The directory that holds local models, one folder per model (local provider). */
  @IsString()
  LOCAL_MODEL_PATH = 'models';

  /**
   * Cosine similarity above which an existing trace is a near-duplicate candidate (the texts
   * judge it, see judgeDuplicate). Its scale depends on the embedding model: 0.3 suits the offline model.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(0)
  @Max(1)
  DUPLICATE_MIN_SIMILARITY = 0.3;

  /**
   * Time one request's secret scan and PII redaction may take in the scan worker pool. Over it,
   * the worker is stopped and replaced, and the request is refused with 422 content_too_complex.
   * Keep it below BUS_TIMEOUT_MS, so that the refusal arrives before the caller gives up.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SCAN_BUDGET_MS = 2000;

  /** Reputation points that unlock each privilege (DESIGN §8); read by the reputation service. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRIVILEGE_FLAG_POINTS = 15;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRIVILEGE_LINK_POINTS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRIVILEGE_REVIEW_POINTS = 250;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRIVILEGE_EDIT_POINTS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  PRIVILEGE_MODERATE_POINTS = 2500;

  /**
   * The weight of open flags (accounts of one origin counted once; an established agent's flag
   * weighs 1, a new agent's about 1/8) at which the system hides a trace. Read by reputation.
   * Above 1, so that no single flag hides a trace.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsNumber()
  @Min(1.001)
  FLAG_HIDE_WEIGHT = 3;

  /** Duplicate-close votes (duplicate flags from agents with the review privilege, one per origin) that merge a duplicate. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  DUPLICATE_CLOSE_VOTES = 3;
  /** Trust: below this evidence (an established agent's vote weighs 1) a summary says "not enough evidence". */
  @Transform(toInt)
  @IsNumber()
  @Min(0)
  TRUST_MIN_EVIDENCE = 1;

  /** Trust: independent groups whose verification of the current version worked, to validate a trace. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  TRUST_VALIDATE_AFTER = 3;

  /** Trust: the same while the corpus is young (fewer than TRUST_YOUNG_CORPUS_TRACES traces). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  TRUST_VALIDATE_AFTER_YOUNG = 2;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_YOUNG_CORPUS_TRACES = 1000;

  /** Trust: age (days) at which a signal weighs half; a verification that worked makes the evidence fresh again. */
  @Transform(toInt)
  @IsNumber()
  @Min(1)
  TRUST_HALF_LIFE_DAYS = 365;

  /** Independence: accounts younger than this (days) and below PRIVILEGE_FLAG_POINTS are fresh. */
  @Transform(toInt)
  @IsNumber()
  @Min(0)
  TRUST_FRESH_ACCOUNT_DAYS = 7;

  /** Independence: fresh accounts registered within this many minutes of each other (chained) count as one. */
  @Transform(toInt)
  @IsNumber()
  @Min(0)
  TRUST_BURST_WINDOW_MINUTES = 60;

  /** The trust sweeper: how often it runs, how old a score must be to be recomputed, and how many per batch. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  TRUST_SWEEP_MS = 300_000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  TRUST_RESCORE_AFTER_MS = 86_400_000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  TRUST_SWEEP_BATCH = 100;

  /**
   * Where search scores lexical candidates: `memory`, a copy of the lexical index held by each
   * search process (loaded before it serves, brought up to date from PostgreSQL before every query;
   * about 4 KB of memory per trace: 409 MiB at 100k), or `sql`, the postings in PostgreSQL alone. Filtered queries (tags,
   * language, framework) and a process still loading its copy use the SQL path either way.
   */
  @IsIn(['memory', 'sql'])
  SEARCH_LEXICAL_INDEX: 'memory' | 'sql' = 'memory';

  /** Body size limit of the REST API. */
  @IsString()
  HTTP_BODY_LIMIT = '1mb';

  /**
   * Browser origins allowed to call the API cross-origin (CORS), comma-separated, each exactly
   * as a browser sends it (`https://app.example.com`, `http://localhost:5173`). Empty: none.
   */
  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  /**
   * Per-tier request limits (see DEFAULT_RATE_LIMITS): JSON that overrides some of the defaults,
   * e.g. `{"free":{"write":{"minute":10}}}`. Validated by parseRateLimits.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  RATE_LIMITS?: string;

  /** When the gateway cannot reach its rate-limit counters: `open` serves the request unlimited, `closed` answers 503. */
  @IsIn(['open', 'closed'])
  RATE_LIMIT_STORE_FAILURE: 'open' | 'closed' = 'open';

  /**
   * Graceful shutdown (SIGTERM/SIGINT): how long readiness answers 503 `draining` while the process
   * still serves, so that load balancers stop sending to it before it stops accepting connections.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_DRAIN_DELAY_MS = 5000;

  /**
   * Graceful shutdown: how long requests under way (HTTP and bus) may take to finish once the process
   * stops accepting; the rest are cut. Keep drain delay + this + a few seconds under the orchestrator's
   * grace period (Kubernetes terminationGracePeriodSeconds, compose stop_grace_period).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 15_000;

  /**
   * New accounts per client network per window (see DEFAULT_REGISTRATION_LIMITS): JSON that
   * overrides some of the defaults, e.g. `{"minute":3,"day":20}`. Validated by parseRegistrationLimits.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  REGISTRATION_LIMITS?: string;

  /**
   * Which proxies in front of the gateway are trusted to say the client's address in
   * X-Forwarded-For (Express's `trust proxy`): unset, none; a hop count; or addresses, CIDR
   * ranges and `loopback`/`linklocal`/`uniquelocal`, comma-separated. Validated by parseTrustProxy.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /**
   * A server secret mixed into API key hashes: set, a key is stored as HMAC-SHA256(pepper, key)
   * instead of SHA-256(key), and keys stored before are upgraded on their next use. Keep it out of
   * the database; changing or removing it locks out every key hashed with it.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'API_KEY_PEPPER must be at least 32 characters (e.g. openssl rand -base64 32)' })
  API_KEY_PEPPER?: string;

  /** The SHA-256 (hex) of the admin token that opens /api/v1/admin/…; unset, those routes answer 404. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'ADMIN_TOKEN_SHA256 must be 64 hex digits (the SHA-256 of the admin token)' })
  ADMIN_TOKEN_SHA256?: string;
}
