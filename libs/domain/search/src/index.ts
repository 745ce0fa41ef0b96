export * from './lib/tokenizer/tokenizer';
export * from './lib/lexical/lexical-model';
export * from './lib/wanted';
export * from './lib/error-signatures/error-signatures';
export { errorCodes } from './lib/error-signatures/error-codes';
export { messageTemplate } from './lib/error-signatures/message-template';
export * from './lib/lexical/inverted-index';
