import { DynamicModule, Module, Type } from '@nestjs/common';
import { MessagingModule } from '@commontrace/messaging';
import { databaseTarget, PersistenceModule } from '@commontrace/persistence';
import { AppEnv, ConfigModule } from '@commontrace/util-config';
import { MetricsModule } from '@commontrace/util-observability';
import { HealthModule } from './health.controller';

export interface RootModuleOptions {
  /** Service name for NATS (queue group), logs and metrics. */
  service: string;
  env: AppEnv;
  features: Type[];
  /** Run the outbox relay here: every process that writes events. */
  relay: boolean;
  /** Run event consumers and background jobs (off for one-off commands). */
  background?: boolean;
}

/** What every CommonTrace process has: config, database, bus, health and metrics, plus its features. */
@Module({})
export class RootModule {
  static forRoot(options: RootModuleOptions): DynamicModule {
    const { env } = options;
    return {
      module: RootModule,
      imports: [
        ConfigModule.forRoot(env),
        PersistenceModule.forRoot(databaseTarget(env)),
        MessagingModule.forRoot({
          service: options.service,
          natsUrl: env.NATS_URL,
          requestTimeoutMs: env.BUS_TIMEOUT_MS,
          relay: options.relay,
          outboxPollMs: env.OUTBOX_POLL_MS,
          consumers: options.background ?? true,
        }),
        HealthModule,
        MetricsModule,
        ...options.features,
      ],
    };
  }
}
