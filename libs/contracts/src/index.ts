// Core: how subjects, payloads and errors are described.
export * from './lib/core/contract';
export * from './lib/core/enums';
export * from './lib/core/errors';
export * from './lib/core/paging';
export * from './lib/core/validation';
export * from './lib/core/validators';
export * from './lib/traces/trace-input';
export * from './lib/traces/trace-view';
export * from './lib/traces/trust-summary';

// One namespace per subject: `IngestSubmitTrace.contract`, `IngestSubmitTrace.SubmitTraceRequest`, …
export * as IngestSubmitTrace from './lib/ingest/submit-trace';
export * as IngestAmendTrace from './lib/ingest/amend-trace';
export * as IngestReviewAmendment from './lib/ingest/review-amendment';
export * as IngestListAmendments from './lib/ingest/list-amendments';
export * as IngestListVersions from './lib/ingest/list-versions';
export * as IngestLinkTraces from './lib/ingest/link-traces';
export * as SearchQueryTraces from './lib/search/query-traces';
export * as SearchGetTrace from './lib/search/get-trace';
export * as EmbeddingEmbedTexts from './lib/embedding/embed-texts';
export * as ReputationGetReputation from './lib/reputation/get-reputation';
export * as ReputationCastVote from './lib/reputation/cast-vote';
export * as ReputationListVotes from './lib/reputation/list-votes';
export * as ReputationRecordVerification from './lib/reputation/record-verification';
export * as ReputationListVerifications from './lib/reputation/list-verifications';
export * as TraceCreated from './lib/events/trace-created';
export * as TraceEmbedded from './lib/events/trace-embedded';
export * as TraceAmended from './lib/events/trace-amended';
export * as TraceStatusChanged from './lib/events/trace-status-changed';
export * as TraceStandingChanged from './lib/events/trace-standing-changed';
export * as ReputationChanged from './lib/events/reputation-changed';
export * as VoteCast from './lib/events/vote-cast';
export * as TraceVerified from './lib/events/trace-verified';
