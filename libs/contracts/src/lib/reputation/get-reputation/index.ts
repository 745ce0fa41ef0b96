export * from './get-reputation';
