import { INestApplication, Logger } from '@nestjs/common';
import { OutboxRelay } from '@commontrace/messaging';
import { AppEnv, ConfigError, validateEnv } from '@commontrace/util-config';
import { startApp, StartOptions } from './bootstrap';
import { drainSettings, handleShutdownSignals } from './graceful-shutdown';

export interface MainOptions extends Omit<StartOptions, 'env'> {
  /** PORT when the environment does not set one. */
  defaultPort: number;
  /** Variables this process cannot start without. */
  requireEnv?: (keyof AppEnv)[];
  /** Runs once the process listens (the all-in-one prints where it is). */
  onListening?: (app: INestApplication, env: AppEnv) => Promise<void> | void;
  /** One-off commands: `node main.js <name> [args…]` runs one against the configured database and exits. */
  commands?: Record<string, Command>;
}

/** A one-off command: gets the started app and the arguments after its name. */
export type Command = (app: INestApplication, args: string[]) => Promise<unknown>;

/**
 * Starts the process's modules without serving requests (port 0, no bus handlers), runs one
 * command and returns what it returned. Every event it wrote is published before it returns:
 * the relay's drain waits for a pass already under way and publishes until nothing is due, and
 * only then does the app close (the relay stops before the bus and the database close). An event
 * whose publication failed stays in the outbox for the service's relay, and is reported.
 */
export async function runCommand(
  options: Omit<StartOptions, 'port' | 'handlesRequests' | 'background'>,
  command: (app: INestApplication) => Promise<unknown>,
): Promise<unknown> {
  const app = await startApp({ ...options, handlesRequests: false, background: false, port: 0 });
  // A command serves nothing: a signal runs the shutdown hooks at once.
  app.enableShutdownHooks();
  try {
    const result = await command(app);
    const unsent = await app.get(OutboxRelay).drain();
    if (unsent) new Logger('Command').warn(`${unsent} event(s) could not be published yet; they stay in the outbox for the relay`);
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
      const args = process.argv.slice(3);
      const result = await runCommand({ ...options, env }, (app) => command(app, args));
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      process.exit(0);
    }
    const app = await startApp({ ...options, env });
    handleShutdownSignals(app, drainSettings(env));
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
