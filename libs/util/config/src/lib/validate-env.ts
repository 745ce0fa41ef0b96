import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { AppEnv } from './app-env';
import { parseRateLimits, parseRegistrationLimits } from './rate-limits';
import { parseTrustProxy } from './trust-proxy';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export interface ValidateEnvOptions {
  /** Variables this process cannot start without (for example a microservice's DATABASE_URL). */
  require?: (keyof AppEnv)[];
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  - ${e.property}: ${m}`));
}

/** Whether a value is a web origin written the way a browser sends it in the Origin header. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Reads and validates the environment once; throws a ConfigError that lists every problem. */
export function validateEnv(
  raw: Record<string, string | undefined> = process.env,
  options: ValidateEnvOptions = {},
): AppEnv {
  const env = plainToInstance(AppEnv, raw, { exposeDefaultValues: true, excludeExtraneousValues: false });
  const problems = describe(validateSync(env));
  for (const key of options.require ?? []) {
    if (env[key] === undefined) problems.push(`  - ${key}: is required for this process`);
  }
  if (env.EMBEDDING_PROVIDER === 'openai' && !env.OPENAI_API_KEY && !env.OPENAI_BASE_URL) {
    problems.push('  - OPENAI_API_KEY: is required for EMBEDDING_PROVIDER=openai (or set OPENAI_BASE_URL)');
  }
  if (env.EMBEDDING_PROVIDER === 'local' && !env.EMBEDDING_MODEL) {
    problems.push('  - EMBEDDING_MODEL: name the model folder under LOCAL_MODEL_PATH for EMBEDDING_PROVIDER=local');
  }
  for (const origin of env.CORS_ORIGINS) {
    if (!isOrigin(origin)) {
      problems.push(`  - CORS_ORIGINS: ${JSON.stringify(origin)} is not an origin as browsers send it (scheme://host[:port], lower case, no path)`);
    }
  }
  problems.push(...parseRateLimits(env.RATE_LIMITS).problems.map((problem) => `  - ${problem}`));
  problems.push(...parseRegistrationLimits(env.REGISTRATION_LIMITS).problems.map((problem) => `  - ${problem}`));
  problems.push(...parseTrustProxy(env.TRUST_PROXY).problems.map((problem) => `  - ${problem}`));
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return env;
}
