import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BusServer } from '@commontrace/messaging';
import { Database, runMigrations } from '@commontrace/persistence';
import { AppEnv } from '@commontrace/util-config';
import { createLogger, JsonLogger, metricsRegistry } from '@commontrace/util-observability';
import { NestExpressApplication } from '@nestjs/platform-express';
import { GracefulShutdown } from './graceful-shutdown';
import { RootModule } from './root.module';

export interface StartOptions {
  service: string;
  env: AppEnv;
  features: Type[];
  /** Whether this process answers bus requests (every service but the gateway). */
  handlesRequests: boolean;
  relay: boolean;
  /** The all-in-one mode owns its database and migrates it before serving; services never do. */
  migrateOnStart?: boolean;
  /** Extra HTTP setup (the gateway's prefix and OpenAPI). */
  configureHttp?: (app: INestApplication) => void;
  /** Listen on this port instead of env.PORT (tests use 0). */
  port?: number;
  /** Run event consumers and background jobs; one-off commands turn this off. */
  background?: boolean;
}

/** Builds, wires and starts one CommonTrace process in either deployment mode. */
export async function startApp(options: StartOptions): Promise<INestApplication> {
  const { env } = options;
  const logger = new JsonLogger(createLogger(options.service, env.LOG_LEVEL));
  metricsRegistry();
  const app = await NestFactory.create<NestExpressApplication>(
    RootModule.forRoot({
      service: options.service,
      env,
      features: options.features,
      relay: options.relay,
      background: options.background,
    }),
    { logger, bodyParser: false, abortOnError: false },
  );
  app.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT });
  // Signals are handled by the caller: runMain drains then closes (handleShutdownSignals), a command closes.
  app.get(GracefulShutdown).attach(app.getHttpServer());
  options.configureHttp?.(app);

  if (options.migrateOnStart) {
    const db = app.get(Database);
    const applied = await runMigrations(db.dataSource, { lock: db.target.kind === 'postgres' });
    if (applied.length) logger.log(`applied migrations: ${applied.join(', ')}`, 'Migrations');
  }

  if (options.handlesRequests) {
    // Messaging chose the transport (NATS or in process) with the bus client.
    app.connectMicroservice(app.get(BusServer).microserviceOptions());
    await app.startAllMicroservices();
  }
  await app.listen(options.port ?? env.PORT, '0.0.0.0');
  return app;
}
