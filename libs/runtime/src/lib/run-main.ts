import { INestApplication } from '@nestjs/common';
import { AppEnv, ConfigError, validateEnv } from '@commontrace/util-config';
import { startApp, StartOptions } from './bootstrap';

export interface MainOptions extends Omit<StartOptions, 'env'> {
  /** PORT when the environment does not set one. */
  defaultPort: number;
  /** Variables this process cannot start without. */
  requireEnv?: (keyof AppEnv)[];
  /** Runs once the process listens (the all-in-one prints where it is). */
  onListening?: (app: INestApplication, env: AppEnv) => Promise<void> | void;
}

/** The body of every app's main.ts: validate the environment, start, and fail with a readable message. */
export async function runMain(options: MainOptions): Promise<void> {
  try {
    const env = validateEnv({ PORT: String(options.defaultPort), ...process.env }, { require: options.requireEnv });
    const app = await startApp({ ...options, env });
    await options.onListening?.(app, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${options.service}: ${error.message}\n`);
    } else {
      process.stderr.write(`${options.service}: failed to start: ${(error as Error)?.stack ?? error}\n`);
    }
    process.exit(1);
  }
}
