import { InitialSchema1764230400000 } from './1764230400000-initial-schema';
import { EmbeddingModels1764316800000 } from './1764316800000-embedding-models';
import { IdempotencyKeys1764403200000 } from './1764403200000-idempotency-keys';
import { AmendmentBaseVersion1764489600000 } from './1764489600000-amendment-base-version';
import { IdempotencyKeysOwnedByTheWrite1764576000000 } from './1764576000000-idempotency-keys-owned-by-the-write';
import { EmbeddingFailures1764662400000 } from './1764662400000-embedding-failures';
import { VotesVerificationsTrust1764748800000 } from './1764748800000-votes-verifications-trust';
import { TrustSummaries1764835200000 } from './1764835200000-trust-summaries';
import { LexicalIndex1764921600000 } from './1764921600000-lexical-index';
import { ErrorSignatures1765008000000 } from './1765008000000-error-signatures';
import { WantedQueries1765094400000 } from './1765094400000-wanted-queries';
import { HnswEfConstruction1765180800000 } from './1765180800000-hnsw-ef-construction';
import { DropSearchVector1765267200000 } from './1765267200000-drop-search-vector';
import { ApiKeyScopesAndExpiry1765353600000 } from './1765353600000-api-key-scopes-and-expiry';
import { WantedSearchersCounted1765526400000 } from './1765526400000-wanted-searchers-counted';
import { ApiKeyHashScheme1765612800000 } from './1765612800000-api-key-hash-scheme';
import { AccountSuspension1765699200000 } from './1765699200000-account-suspension';
import { LexicalDocumentsWrittenXid1765785600000 } from './1765785600000-lexical-documents-written-xid';
import { LexicalStatisticsFolded1765872000000 } from './1765872000000-lexical-statistics-folded';

/** Every migration, in order. A new one is appended here. */
export const MIGRATIONS = [
  InitialSchema1764230400000,
  EmbeddingModels1764316800000,
  IdempotencyKeys1764403200000,
  AmendmentBaseVersion1764489600000,
  IdempotencyKeysOwnedByTheWrite1764576000000,
  EmbeddingFailures1764662400000,
  VotesVerificationsTrust1764748800000,
  TrustSummaries1764835200000,
  LexicalIndex1764921600000,
  ErrorSignatures1765008000000,
  WantedQueries1765094400000,
  HnswEfConstruction1765180800000,
  DropSearchVector1765267200000,
  ApiKeyScopesAndExpiry1765353600000,
  WantedSearchersCounted1765526400000,
  ApiKeyHashScheme1765612800000,
  AccountSuspension1765699200000,
  LexicalDocumentsWrittenXid1765785600000,
  LexicalStatisticsFolded1765872000000,
];
