export * from './review-amendment';
