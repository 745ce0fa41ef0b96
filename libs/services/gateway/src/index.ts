export * from './lib/gateway.module';
export * from './lib/openapi';
export * from './lib/http/problem-details.filter';
export * from './lib/auth/api-key';
export * from './lib/auth/admin-token';
