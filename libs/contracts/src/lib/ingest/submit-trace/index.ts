export * from './submit-trace';
