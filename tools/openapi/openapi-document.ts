import { NestFactory } from '@nestjs/core';
import { RootModule } from '@commontrace/runtime';
import { buildOpenApiDocument, configureGatewayHttp, GatewayModule, serializeOpenApiDocument } from '@commontrace/service-gateway';
import { validateEnv } from '@commontrace/util-config';
import { join } from 'node:path';

/** Where the committed document lives, from the repository's root. */
export const OPENAPI_FILE = join(__dirname, '..', '..', 'docs', 'openapi.json');

/**
 * The gateway's OpenAPI document, exactly as docs/openapi.json should hold it. The gateway's
 * modules are wired in Nest's preview mode, which reads routes and decorators without creating
 * providers: no database, no bus, no port.
 */
export async function renderOpenApiDocument(): Promise<string> {
  const env = validateEnv({ LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(
    RootModule.forRoot({ service: 'gateway', env, features: [GatewayModule], relay: false, background: false }),
    { preview: true, logger: false, abortOnError: false },
  );
  configureGatewayHttp(app);
  return serializeOpenApiDocument(buildOpenApiDocument(app));
}
