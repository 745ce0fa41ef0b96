import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
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

  @IsIn(['offline'])
  EMBEDDING_PROVIDER = 'offline' as const;

  /** Body size limit of the REST API. */
  @IsString()
  HTTP_BODY_LIMIT = '1mb';
}
