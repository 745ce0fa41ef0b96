export * from './normalize-query';
export * from './low-confidence';
export * from './answers';
