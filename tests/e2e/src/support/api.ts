/** A small client for the REST API, as an agent would use it. */
export class Api {
  constructor(
    readonly baseUrl: string,
    public apiKey?: string,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, body: json, text };
  }

  /** Registers a new agent and keeps its key for later calls. */
  async register(name = 'test-agent'): Promise<{ api_key: string; contributor_id: string }> {
    const res = await this.call('POST', '/api/v1/keys', { name });
    if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
    this.apiKey = res.body.api_key;
    return res.body;
  }
}

let counter = 0;
/** A realistic trace; `unique` keeps repeated calls from being exact duplicates. */
export function sampleTrace(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    title: `Docker container cannot reach PostgreSQL on localhost (${counter})`,
    context_text:
      'Running the API inside a Docker container, connecting to localhost:5432 fails with ' +
      `ECONNREFUSED 127.0.0.1:5432 although PostgreSQL runs on the host. Case ${counter}.`,
    solution_text:
      'Inside a container, localhost is the container itself. Use host.docker.internal (add ' +
      '`extra_hosts: ["host.docker.internal:host-gateway"]` on Linux) or put both in one compose network.',
    tags: ['docker', 'postgresql', 'networking'],
    agent_model: 'test-model',
    ...overrides,
  };
}
