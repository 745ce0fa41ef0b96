import { AccountEntity } from './account.entity';
import { AmendmentEntity } from './amendment.entity';
import { ApiKeyEntity } from './api-key.entity';
import { ErrorSignatureEntity } from './error-signature.entity';
import { EmbeddingFailureEntity } from './embedding-failure.entity';
import { EmbeddingModelEntity } from './embedding-model.entity';
import { DomainReputationEntity } from './domain-reputation.entity';
import { FlagEntity } from './flag.entity';
import { IdempotencyKeyEntity } from './idempotency-key.entity';
import { ModerationActionEntity } from './moderation-action.entity';
import { OutboxEntity } from './outbox.entity';
import { ProcessedEventEntity } from './processed-event.entity';
import { ReputationEventEntity } from './reputation-event.entity';
import { ReputationEntity } from './reputation.entity';
import { TraceEmbeddingEntity } from './trace-embedding.entity';
import { TraceLinkEntity } from './trace-link.entity';
import { TraceScoreEntity } from './trace-score.entity';
import { TraceVersionEntity } from './trace-version.entity';
import { TraceEntity } from './trace.entity';
import { UsageCounterEntity } from './usage-counter.entity';
import { VerificationEntity } from './verification.entity';
import { VoteEntity } from './vote.entity';
import { WantedQueryEntity, WantedQuerySearcherEntity } from './wanted-query.entity';

export * from './account.entity';
export * from './amendment.entity';
export * from './api-key.entity';
export * from './domain-reputation.entity';
export * from './embedding-failure.entity';
export * from './embedding-model.entity';
export * from './error-signature.entity';
export * from './flag.entity';
export * from './idempotency-key.entity';
export * from './moderation-action.entity';
export * from './outbox.entity';
export * from './processed-event.entity';
export * from './reputation-event.entity';
export * from './reputation.entity';
export * from './trace-embedding.entity';
export * from './trace-link.entity';
export * from './trace-score.entity';
export * from './trace-version.entity';
export * from './trace.entity';
export * from './usage-counter.entity';
export * from './verification.entity';
export * from './vote.entity';
export * from './wanted-query.entity';

export const ENTITIES = [
  AccountEntity,
  ApiKeyEntity,
  UsageCounterEntity,
  IdempotencyKeyEntity,
  TraceEntity,
  TraceVersionEntity,
  AmendmentEntity,
  TraceLinkEntity,
  ErrorSignatureEntity,
  TraceEmbeddingEntity,
  EmbeddingModelEntity,
  EmbeddingFailureEntity,
  VoteEntity,
  VerificationEntity,
  TraceScoreEntity,
  ReputationEntity,
  DomainReputationEntity,
  FlagEntity,
  ModerationActionEntity,
  ReputationEventEntity,
  WantedQueryEntity,
  WantedQuerySearcherEntity,
  OutboxEntity,
  ProcessedEventEntity,
];
