/**
 * Every closed set of values that crosses a boundary (the API, the bus, a table column), defined once.
 * Contracts validate with these arrays (`@IsIn(LINK_KINDS)`), services compare against their types,
 * and persistence types its entity columns with them (type imports only). The migrations' CHECK
 * constraints spell the same values in SQL; the migrations spec keeps them in step.
 */

/**
 * A trace's lifecycle. Only `hidden` traces are withheld from readers. `pending`, `validated`,
 * `stale`, `disputed` and `hidden` follow from votes, verifications, flags and moderation (the
 * reputation service decides them as a standing, ingest applies it); `superseded` from a link.
 */
export const TRACE_STATUSES = ['pending', 'validated', 'stale', 'disputed', 'superseded', 'hidden'] as const;
export type TraceStatus = (typeof TRACE_STATUSES)[number];

/** The statuses the reputation service may decide for a trace (`trace.standing-changed`). */
export const TRACE_STANDINGS = ['pending', 'validated', 'stale', 'disputed', 'hidden'] as const;
export type TraceStanding = (typeof TRACE_STANDINGS)[number];

/** The honest label of a trace's trust summary (DESIGN §8). */
export const TRUST_LABELS = ['unverified', 'verified', 'disputed', 'stale'] as const;
export type TrustLabel = (typeof TRUST_LABELS)[number];

/** Typed relations between two traces; `duplicate_of` and `supersedes` change the target's state. */
export const LINK_KINDS = ['related', 'alternative_to', 'contradicts', 'duplicate_of', 'supersedes'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const AMENDMENT_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type AmendmentStatus = (typeof AMENDMENT_STATUSES)[number];

/** What a reviewer decides about a pending amendment. */
export const AMENDMENT_DECISIONS = ['accept', 'reject'] as const;
export type AmendmentDecision = (typeof AMENDMENT_DECISIONS)[number];

export const ACCOUNT_TIERS = ['free', 'pro', 'team'] as const;
export type AccountTier = (typeof ACCOUNT_TIERS)[number];

/** A vote's direction on the wire, and the sign it is stored with (`votes.direction`). */
export const VOTE_DIRECTIONS = ['up', 'down'] as const;
export type VoteDirection = (typeof VOTE_DIRECTIONS)[number];
export const VOTE_SIGNS = { up: 1, down: -1 } as const satisfies Record<VoteDirection, number>;
export type VoteSign = (typeof VOTE_SIGNS)[VoteDirection];

/** Why a down vote was cast (DESIGN §8). */
export const FEEDBACK_TAGS = ['outdated', 'wrong', 'security_concern', 'spam'] as const;
export type FeedbackTag = (typeof FEEDBACK_TAGS)[number];

/** What happened when an agent used a trace (DESIGN §8). */
export const VERIFICATION_OUTCOMES = ['worked_as_written', 'worked_with_changes', 'did_not_work'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];

/** Why a trace is flagged, and where the flag stands. */
export const FLAG_CATEGORIES = ['spam', 'harmful', 'incorrect', 'duplicate', 'outdated'] as const;
export type FlagCategory = (typeof FLAG_CATEGORIES)[number];
export const FLAG_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** What a moderator (or the system, for weighted flags over the threshold) did; kept in the audit log. */
export const MODERATION_ACTIONS = ['hide', 'restore', 'resolve_flags', 'dismiss_flags', 'merge_duplicate'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** An embedding model's life: vectors are built, then it serves searches, then it retires. */
export const EMBEDDING_MODEL_STATES = ['building', 'serving', 'retired'] as const;
export type EmbeddingModelState = (typeof EMBEDDING_MODEL_STATES)[number];
