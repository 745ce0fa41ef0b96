export * from './lib/secret-kinds';
export * from './lib/secret-values';
export * from './lib/detectors';
export * from './lib/secret-scanner';
export * from './lib/pii';
export * from './lib/screen-content';
export * from './lib/attack-texts';
