import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { createValidationPipe } from '@commontrace/contracts';
import { ApiKeyGuard } from './auth/api-key.guard';
import { KeyHasher } from './auth/key-hasher';
import { AppEnv } from '@commontrace/util-config';
import { AdminController } from './controllers/admin.controller';
import { AgentsController } from './controllers/agents.controller';
import { ContributorsController } from './controllers/contributors.controller';
import { FlagsController } from './controllers/flags.controller';
import { KeysController } from './controllers/keys.controller';
import { TagsController } from './controllers/tags.controller';
import { ModerationController } from './controllers/moderation.controller';
import { SignalsController } from './controllers/signals.controller';
import { TracesController } from './controllers/traces.controller';
import { WantedController } from './controllers/wanted.controller';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestBodyMiddleware } from './http/request-body';
import { RequestIdMiddleware } from './http/request-id.middleware';
import { RATE_LIMIT_PROVIDERS } from './rate-limit/rate-limit.providers';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { UsageController } from './rate-limit/usage.controller';
import { CreateApiKeyUseCase } from './usecases/create-api-key/create-api-key.usecase';
import { GetAccountUseCase } from './usecases/get-account/get-account.usecase';
import { GetAccountUsageUseCase } from './usecases/get-account-usage/get-account-usage.usecase';
import { RestoreAccountUseCase } from './usecases/restore-account/restore-account.usecase';
import { SetAccountTierUseCase } from './usecases/set-account-tier/set-account-tier.usecase';
import { SuspendAccountUseCase } from './usecases/suspend-account/suspend-account.usecase';
import { IssueApiKeyUseCase } from './usecases/issue-api-key/issue-api-key.usecase';
import { ListApiKeysUseCase } from './usecases/list-api-keys/list-api-keys.usecase';
import { RevokeApiKeyUseCase } from './usecases/revoke-api-key/revoke-api-key.usecase';
import { RotateApiKeyUseCase } from './usecases/rotate-api-key/rotate-api-key.usecase';

/** The REST API under /api/v1: authentication, validation, and routing to the services over the bus. */
@Module({
  controllers: [
    KeysController,
    TracesController,
    SignalsController,
    FlagsController,
    ContributorsController,
    AgentsController,
    TagsController,
    ModerationController,
    WantedController,
    UsageController,
    AdminController,
  ],
  providers: [
    CreateApiKeyUseCase,
    ...RATE_LIMIT_PROVIDERS,
    ListApiKeysUseCase,
    IssueApiKeyUseCase,
    RotateApiKeyUseCase,
    RevokeApiKeyUseCase,
    GetAccountUseCase,
    SetAccountTierUseCase,
    SuspendAccountUseCase,
    RestoreAccountUseCase,
    GetAccountUsageUseCase,
    { provide: KeyHasher, useFactory: (env: AppEnv) => new KeyHasher(env.API_KEY_PEPPER), inject: [AppEnv] },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    // After ApiKeyGuard: guards run in the order they are provided.
    { provide: APP_GUARD, useClass: RateLimitGuard },
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
})
export class GatewayModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestIdMiddleware, RequestBodyMiddleware).forRoutes('*path');
  }
}
