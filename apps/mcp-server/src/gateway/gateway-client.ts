import { randomUUID } from 'node:crypto';
import type {
  IngestAmendTrace,
  IngestLinkTraces,
  IngestSubmitTrace,
  ReputationCastVote,
  ReputationFlagTrace,
  ReputationGetAgent,
  ReputationGetReputation,
  ReputationRecordVerification,
  SearchListTags,
  SearchQueryTraces,
  TraceInput,
  TraceView,
} from '@commontrace/contracts';
import { BreakerRegistry } from './breakers';
import { errorFromAnswer, GatewayError, LOCAL_ERROR_CODES } from './gateway-error';
import { isRetryable, retryDelayMs } from './retry-policy';

export interface GatewayClientOptions {
  /** The gateway's base URL (http://localhost:3000); the API is under /api/v1. */
  baseUrl: string;
  apiKey?: string;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after the first attempt, for calls that are safe to repeat. */
  retries: number;
  breakers: BreakerRegistry;
  /** Observes every attempt (metrics). */
  onAttempt?: (route: string, outcome: string, seconds: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** "http://x/" → "http://x" (a loop: no regex over a run of slashes). */
export function stripTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

interface Call {
  method: 'GET' | 'POST';
  /** The route's name, for metrics ("traces.search"). */
  route: string;
  path: string;
  body?: unknown;
  /** A write: sent with an Idempotency-Key, the same on every retry, so a retry is never applied twice. */
  write?: boolean;
}

/**
 * The typed REST client of the gateway (its routes, bodies and answers from libs/contracts):
 * a timeout per attempt, the key's circuit breaker, retries with back-off for what is safe to
 * repeat (reads, and writes with their Idempotency-Key), and every failure as a GatewayError.
 */
export class GatewayClient {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GatewayClientOptions) {
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  searchTraces(body: SearchQueryTraces.QueryTracesRequest): Promise<SearchQueryTraces.QueryTracesReply> {
    // A search writes nothing an agent sees (only the wanted list's counts): safe to repeat.
    return this.call({ method: 'POST', route: 'traces.search', path: '/traces/search', body });
  }

  getTrace(id: string): Promise<TraceView> {
    return this.call({ method: 'GET', route: 'traces.get', path: `/traces/${encodeURIComponent(id)}` });
  }

  submitTrace(body: TraceInput): Promise<IngestSubmitTrace.SubmitTraceReply> {
    return this.call({ method: 'POST', route: 'traces.submit', path: '/traces', body, write: true });
  }

  vote(traceId: string, body: ReputationCastVote.VoteInput): Promise<ReputationCastVote.CastVoteReply> {
    return this.call({ method: 'POST', route: 'traces.vote', path: `/traces/${encodeURIComponent(traceId)}/votes`, body, write: true });
  }

  verify(traceId: string, body: ReputationRecordVerification.VerificationInput): Promise<ReputationRecordVerification.RecordVerificationReply> {
    return this.call({ method: 'POST', route: 'traces.verify', path: `/traces/${encodeURIComponent(traceId)}/verifications`, body, write: true });
  }

  amend(traceId: string, body: IngestAmendTrace.AmendmentInput): Promise<IngestAmendTrace.AmendmentView> {
    return this.call({ method: 'POST', route: 'traces.amend', path: `/traces/${encodeURIComponent(traceId)}/amendments`, body, write: true });
  }

  link(sourceId: string, body: IngestLinkTraces.LinkInput): Promise<IngestLinkTraces.LinkView> {
    return this.call({ method: 'POST', route: 'traces.link', path: `/traces/${encodeURIComponent(sourceId)}/links`, body, write: true });
  }

  flag(traceId: string, body: ReputationFlagTrace.FlagInput): Promise<ReputationFlagTrace.FlagTraceReply> {
    return this.call({ method: 'POST', route: 'traces.flag', path: `/traces/${encodeURIComponent(traceId)}/flag`, body, write: true });
  }

  listTags(query: SearchListTags.ListTagsQuery): Promise<SearchListTags.ListTagsReply> {
    const params = new URLSearchParams();
    if (query.prefix !== undefined) params.set('prefix', query.prefix);
    if (query.limit !== undefined) params.set('limit', String(query.limit));
    const qs = params.toString();
    return this.call({ method: 'GET', route: 'tags.list', path: `/tags${qs ? `?${qs}` : ''}` });
  }

  reputation(contributorId: string): Promise<ReputationGetReputation.GetReputationReply> {
    return this.call({ method: 'GET', route: 'contributors.reputation', path: `/contributors/${encodeURIComponent(contributorId)}/reputation` });
  }

  me(): Promise<ReputationGetAgent.GetAgentReply> {
    return this.call({ method: 'GET', route: 'agents.me', path: '/agents/me' });
  }

  private async call<T>(call: Call): Promise<T> {
    const { apiKey, retries, breakers } = this.options;
    if (!apiKey) {
      throw new GatewayError(LOCAL_ERROR_CODES.missingKey, 'No CommonTrace API key: set COMMONTRACE_API_KEY (stdio) or send X-API-Key (HTTP)');
    }
    const idempotencyKey = call.write ? randomUUID() : undefined;
    for (let attempt = 0; ; attempt++) {
      try {
        return (await breakers.run(apiKey, () => this.attempt(call, apiKey, idempotencyKey))) as T;
      } catch (error) {
        const delay = attempt < retries && error instanceof GatewayError && isRetryable(error) ? retryDelayMs(error, attempt) : undefined;
        if (delay === undefined) throw error;
        await this.sleep(delay);
      }
    }
  }

  private async attempt(call: Call, apiKey: string, idempotencyKey: string | undefined): Promise<unknown> {
    const started = process.hrtime.bigint();
    const observe = (outcome: string) => this.options.onAttempt?.(call.route, outcome, Number(process.hrtime.bigint() - started) / 1e9);
    let response: Response;
    try {
      response = await fetch(`${stripTrailingSlashes(this.options.baseUrl)}/api/v1${call.path}`, {
        method: call.method,
        headers: {
          accept: 'application/json',
          'x-api-key': apiKey,
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError';
      observe(timedOut ? 'timeout' : 'unreachable');
      throw timedOut
        ? new GatewayError(LOCAL_ERROR_CODES.timeout, `CommonTrace did not answer within ${this.options.timeoutMs} ms`)
        : new GatewayError(LOCAL_ERROR_CODES.unreachable, 'CommonTrace cannot be reached');
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      observe('timeout');
      throw new GatewayError(LOCAL_ERROR_CODES.timeout, `CommonTrace did not finish its answer within ${this.options.timeoutMs} ms`);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    observe(String(response.status));
    if (!response.ok) throw errorFromAnswer(response.status, body, response.headers.get('retry-after'));
    if (body === undefined) throw new GatewayError(LOCAL_ERROR_CODES.badAnswer, 'CommonTrace answered with something that is not JSON', { status: response.status });
    return body;
  }
}
