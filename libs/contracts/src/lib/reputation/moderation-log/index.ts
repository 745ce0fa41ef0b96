export * from './moderation-log';
