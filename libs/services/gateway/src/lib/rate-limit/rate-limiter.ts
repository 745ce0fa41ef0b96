import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@commontrace/contracts';
import {
  AppEnv,
  DEFAULT_REGISTRATION_LIMITS,
  parseRateLimits,
  parseRegistrationLimits,
  REQUEST_CLASSES,
  RequestClass,
  RateLimitTier,
  TierLimits,
  WindowLimits,
} from '@commontrace/util-config';
import { CounterStore } from './counter-store';
import { countersFor, exhausted, LimitState, limitState, REGISTRATION, registrationSubject, tierOf, tightest } from './limits';

export interface Usage {
  tier: RateLimitTier;
  limits: Record<RequestClass, LimitState[]>;
}

/** The outcome of counting one request: the limit to report in the headers, and the one that refused it, if any. */
export interface RateDecision {
  cls: RequestClass;
  tier: RateLimitTier;
  reported: LimitState;
  refused?: LimitState;
}

/** The outcome of counting one registration against its client network's limits. */
export interface RegistrationDecision {
  reported: LimitState;
  refused?: LimitState;
}

/**
 * Counts requests per account against its tier's limits, and registrations per client network
 * against REGISTRATION_LIMITS, in one counter store; applies the store-failure policy to both.
 */
export class RateLimiter {
  private readonly logger = new Logger('RateLimit');
  private lastWarning = 0;

  constructor(
    private readonly store: CounterStore,
    private readonly limits: TierLimits,
    private readonly onStoreFailure: 'open' | 'closed',
    private readonly registrationLimits: WindowLimits = DEFAULT_REGISTRATION_LIMITS,
  ) {}

  static fromEnv(store: CounterStore, env: AppEnv): RateLimiter {
    return new RateLimiter(
      store,
      parseRateLimits(env.RATE_LIMITS).limits,
      env.RATE_LIMIT_STORE_FAILURE,
      parseRegistrationLimits(env.REGISTRATION_LIMITS).limits,
    );
  }

  /**
   * Counts one registration from the network `origin` stands for (registrationOrigin; null: the
   * address is unknown, and all such registrations share one count). Undefined when the store
   * failed and the policy is to fail open.
   */
  async consumeRegistration(origin: string | null, now = Date.now()): Promise<RegistrationDecision | undefined> {
    const counters = countersFor(registrationSubject(origin), REGISTRATION, this.registrationLimits, now);
    let result: { allowed: boolean; counts: number[] };
    try {
      result = await this.store.consume(counters, now);
    } catch (error) {
      return this.storeFailed(error);
    }
    const states = counters.map((c, i) => limitState(c, result.counts[i], now));
    return { reported: tightest(states), refused: result.allowed ? undefined : exhausted(states) };
  }

  /** Counts one request; undefined when the store failed and the policy is to fail open. */
  async consume(account: { id: string; tier: string }, cls: RequestClass, now = Date.now()): Promise<RateDecision | undefined> {
    const tier = tierOf(account.tier);
    const counters = countersFor(account.id, cls, this.limits[tier][cls], now);
    let result: { allowed: boolean; counts: number[] };
    try {
      result = await this.store.consume(counters, now);
    } catch (error) {
      return this.storeFailed(error);
    }
    const states = counters.map((c, i) => limitState(c, result.counts[i], now));
    return { cls, tier, reported: tightest(states), refused: result.allowed ? undefined : exhausted(states) };
  }

  /** The account's tier, limits and current use (the store must answer: no policy applies to reading it). */
  async usage(account: { id: string; tier: string }, now = Date.now()): Promise<Usage> {
    const tier = tierOf(account.tier);
    const entries = await Promise.all(
      REQUEST_CLASSES.map(async (cls) => {
        const counters = countersFor(account.id, cls, this.limits[tier][cls], now);
        let counts: number[];
        try {
          counts = await this.store.peek(counters, now);
        } catch {
          throw unavailable();
        }
        return [cls, counters.map((c, i) => limitState(c, counts[i], now))] as const;
      }),
    );
    return { tier, limits: Object.fromEntries(entries) as Usage['limits'] };
  }

  private storeFailed(error: unknown): undefined {
    const now = Date.now();
    if (now - this.lastWarning > 10_000) {
      this.lastWarning = now;
      this.logger.warn(`rate-limit store unreachable, failing ${this.onStoreFailure}: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.onStoreFailure === 'closed') throw unavailable();
    return undefined;
  }
}

function unavailable(): DomainError {
  return new DomainError(ErrorCode.ServiceUnavailable, 'The rate-limit counters are unreachable; retry shortly');
}
