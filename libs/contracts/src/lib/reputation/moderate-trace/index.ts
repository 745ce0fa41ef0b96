export * from './moderate-trace';
