export * from './lib/reciprocal-rank-fusion';
