import { INestApplication } from '@nestjs/common';
import { OutboxRelay } from '@commontrace/messaging';
import { AppEnv, ConfigError, validateEnv } from '@commontrace/util-config';
import { startApp, StartOptions } from './bootstrap';

export interface MainOptions extends Omit<StartOptions, 'env'> {
  /** PORT when the environment does not set one. */
  defaultPort: number;
  /** Variables this process cannot start without. */
  requireEnv?: (keyof AppEnv)[];
  /** Runs once the process listens (the all-in-one prints where it is). */
  onListening?: (app: INestApplication, env: AppEnv) => Promise<void> | void;
  /** One-off commands: `node main.js <name>` runs one against the configured database and exits. */
  commands?: Record<string, (app: INestApplication) => Promise<unknown>>;
}

/**
 * Starts the process's modules without serving requests (port 0, no bus handlers), runs one
 * command and returns what it returned. Events it writes are published before it returns.
 */
export async function runCommand(
  options: Omit<StartOptions, 'port' | 'handlesRequests' | 'background'>,
  command: (app: INestApplication) => Promise<unknown>,
): Promise<unknown> {
  const app = await startApp({ ...options, handlesRequests: false, background: false, port: 0 });
  try {
    const result = await command(app);
    await app.get(OutboxRelay).drain();
    return result;
  } finally {
    await app.close();
  }
}

/** The body of every app's main.ts: validate the environment, start, and fail with a readable message. */
export async function runMain(options: MainOptions): Promise<void> {
  try {
    const env = validateEnv({ PORT: String(options.defaultPort), ...process.env }, { require: options.requireEnv });
    const name = process.argv[2];
    if (name) {
      const command = options.commands?.[name];
      if (!command) throw new ConfigError(`unknown command "${name}" (known: ${Object.keys(options.commands ?? {}).join(', ') || 'none'})`);
      const result = await runCommand({ ...options, env }, command);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    }
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
