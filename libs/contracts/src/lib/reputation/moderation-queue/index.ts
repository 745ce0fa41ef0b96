export * from './moderation-queue';
