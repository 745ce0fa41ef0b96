import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Bus headers that carry a write's Idempotency-Key from the gateway to the service that writes. */
export const IDEMPOTENCY_HEADERS = {
  key: 'ct-idempotency-key',
  account: 'ct-idempotency-account',
  requestHash: 'ct-idempotency-hash',
} as const;

/** Printable ASCII without spaces, as the gateway accepts it in the Idempotency-Key header. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const ACCOUNT_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HASH_PATTERN = /^[0-9a-f]{64}$/;

/** One write's Idempotency-Key, scoped to the account that sent it. */
export interface IdempotencyScope {
  account: string;
  key: string;
  /** SHA-256 (hex) of the request (method, path, body): the same key with another request is refused. */
  requestHash: string;
  /** Set when the answer is the stored answer of an earlier attempt. */
  replayed?: boolean;
}

export interface RequestContextData {
  requestId: string;
  /** The key of the write this work does (restored from the bus headers in the service that writes). */
  idempotency?: IdempotencyScope;
  /** A key to send with the bus requests made in this context (set by the gateway for one HTTP write). */
  outgoingIdempotency?: IdempotencyScope;
}

const storage = new AsyncLocalStorage<RequestContextData>();

/** The request id of the work in progress, carried across async calls (and across the bus in headers). */
export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
  idempotency(): IdempotencyScope | undefined {
    return storage.getStore()?.idempotency;
  },
  /** Accepts a caller's id when it is sane, otherwise makes a new one. */
  sanitize(candidate: unknown): string {
    return typeof candidate === 'string' && /^[\w.:-]{1,128}$/.test(candidate) ? candidate : randomUUID();
  },
  /** The headers a bus request made in this context carries: the request id, and the gateway's idempotency key. */
  toHeaders(): Record<string, string> {
    const store = storage.getStore();
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: store?.requestId ?? randomUUID() };
    const scope = store?.outgoingIdempotency;
    if (scope) {
      headers[IDEMPOTENCY_HEADERS.key] = scope.key;
      headers[IDEMPOTENCY_HEADERS.account] = scope.account;
      headers[IDEMPOTENCY_HEADERS.requestHash] = scope.requestHash;
    }
    return headers;
  },
  /**
   * The context of a request received over the bus. The idempotency key becomes the handler's
   * own (never forwarded to the requests it makes), and only when all three parts are sane.
   */
  fromHeaders(header: (name: string) => string | undefined): RequestContextData {
    const requestId = RequestContext.sanitize(header(REQUEST_ID_HEADER));
    const key = header(IDEMPOTENCY_HEADERS.key);
    const account = header(IDEMPOTENCY_HEADERS.account);
    const requestHash = header(IDEMPOTENCY_HEADERS.requestHash);
    const sane = key && account && requestHash && IDEMPOTENCY_KEY_PATTERN.test(key) && ACCOUNT_PATTERN.test(account) && HASH_PATTERN.test(requestHash);
    return sane ? { requestId, idempotency: { key, account, requestHash } } : { requestId };
  },
};
