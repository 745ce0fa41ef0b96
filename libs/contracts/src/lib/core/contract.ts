/** A request/reply subject with its validated request class and the shape of its reply. */
export interface RequestContract<Req extends object, Rep> {
  readonly kind: 'request';
  readonly subject: string;
  readonly request: new () => Req;
  /** Phantom field: carries the reply type for inference; never set. */
  readonly reply?: Rep;
}

/** A durable domain event (JetStream) with its validated payload class. */
export interface EventContract<T extends object> {
  readonly kind: 'event';
  readonly subject: string;
  readonly data: new () => T;
}

export function defineRequest<Req extends object, Rep>(subject: string, request: new () => Req): RequestContract<Req, Rep> {
  return { kind: 'request', subject, request };
}

export function defineEvent<T extends object>(subject: string, data: new () => T): EventContract<T> {
  return { kind: 'event', subject, data };
}

export type RequestOf<C> = C extends RequestContract<infer Req, unknown> ? Req : never;
export type ReplyOf<C> = C extends RequestContract<object, infer Rep> ? Rep : never;

/** What travels on the event stream: an id (the dedup key end to end), the subject and the payload. */
export interface EventEnvelope<T = unknown> {
  id: string;
  subject: string;
  occurred_at: string;
  data: T;
}

export const SUBJECT_PREFIX = 'ct.v1';
export const EVENT_SUBJECT_PREFIX = `${SUBJECT_PREFIX}.evt`;
export const DEAD_LETTER_SUBJECT_PREFIX = `${SUBJECT_PREFIX}.dlq`;
