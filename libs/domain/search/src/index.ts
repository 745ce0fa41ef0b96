export * from './lib/tokenizer/tokenizer';
export * from './lib/lexical/lexical-model';
