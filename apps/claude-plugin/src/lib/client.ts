/** What a call to the CommonTrace API gave: the answer, or why there is none. */
export type ApiResult<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number | 'timeout' | 'unreachable'; code?: string; body?: Record<string, unknown> };

/** A small client for the REST API with a deadline on every call: the hooks never wait past their budget. */
export class CommonTraceClient {
  constructor(
    readonly baseUrl: string,
    public apiKey: string | undefined,
    private readonly deadline: number,
  ) {}

  /** Milliseconds left before the deadline. */
  remaining(): number {
    return this.deadline - Date.now();
  }

  async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
    const left = this.remaining();
    if (left <= 20) return { ok: false, status: 'timeout' };
    try {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': 'commontrace-claude-plugin',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(left),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (response.ok) return { ok: true, status: response.status, body: parsed as T };
      const problem = (parsed ?? {}) as Record<string, unknown>;
      return { ok: false, status: response.status, code: typeof problem['code'] === 'string' ? problem['code'] : undefined, body: problem };
    } catch (error) {
      const name = (error as Error)?.name;
      return { ok: false, status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
    }
  }
}

/** One line for the user about a failed call, or null when silence is better (server down, slow). */
export function noticeFor(result: { ok: false; status: number | 'timeout' | 'unreachable'; code?: string }): string | null {
  if (result.status === 401) return 'CommonTrace: the API key was refused (401). Set COMMONTRACE_API_KEY, or remove api_key from the config file to register a new one.';
  if (result.status === 429) return 'CommonTrace: rate limited; searching again later.';
  return null;
}
