import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppEnv } from './app-env';

/** Makes the validated AppEnv injectable everywhere in the process. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(env: AppEnv): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppEnv, useValue: env }], exports: [AppEnv] };
  }
}
