import { DomainError, ErrorBody, ErrorCode } from '@commontrace/contracts';

/**
 * The largest reply a bus request may carry, as JSON bytes, in both deployment modes. NATS refuses
 * messages over its payload limit (`max_payload`, 1 MiB by default); this budget leaves room for the
 * transport's envelope and headers under that limit. Lists that can grow past it are paged, and
 * `include_full` searches are capped (SEARCH_LIMITS.maxFull), so a well-formed request never hits it.
 */
export const MAX_REPLY_BYTES = 1_000_000;

export function replyTooLarge(subject: string, bytes: number, limit = MAX_REPLY_BYTES): DomainError {
  return new DomainError(
    ErrorCode.ReplyTooLarge,
    `The reply to ${subject} is ${bytes} bytes, over the bus limit of ${limit} bytes; ask for less (page, or fewer full results)`,
    { details: { subject, bytes, limit } },
  );
}

/** The reply as JSON, or the reply_too_large error body when it is over the limit. */
export function checkReplySize(subject: string, json: string, limit = MAX_REPLY_BYTES): ErrorBody | undefined {
  const bytes = Buffer.byteLength(json, 'utf8');
  return bytes > limit ? replyTooLarge(subject, bytes, limit).toBody() : undefined;
}
