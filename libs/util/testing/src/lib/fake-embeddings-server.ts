import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface EmbeddingsRequestLog {
  model: string;
  input: string[];
  dimensions?: number;
}

/**
 * A real HTTP server that speaks the OpenAI embeddings API (POST /v1/embeddings), for testing
 * the OpenAI-compatible provider without a network: deterministic vectors from word hashes,
 * answers shuffled by index, and scripted failures (a queue of statuses, or an outage).
 */
export class FakeEmbeddingsServer {
  readonly requests: EmbeddingsRequestLog[] = [];
  private failures: { status: number; retryAfter?: string }[] = [];
  private outageStatus?: number;
  private refused?: (input: string) => boolean;
  private pause?: Promise<void>;
  private server?: Server;
  url = '';

  constructor(private readonly defaultDimensions = 64) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  /** The next requests fail with these statuses, in order. */
  failNext(...failures: (number | { status: number; retryAfter?: string })[]): void {
    this.failures.push(...failures.map((f) => (typeof f === 'number' ? { status: f } : f)));
  }

  /** Every request fails with `status` until called with undefined. */
  outage(status: number | undefined): void {
    this.outageStatus = status;
  }

  /**
   * Refuses (400, as OpenAI does for an input over the model's context length) every request
   * that holds an input matching `test`; undefined accepts everything again.
   */
  refuse(test: ((input: string) => boolean) | undefined): void {
    this.refused = test;
  }

  /** Holds every answer until the returned function is called. */
  hold(): () => void {
    let release = () => undefined as void;
    this.pause = new Promise<void>((r) => (release = r));
    return () => {
      this.pause = undefined;
      release();
    };
  }

  /** Texts embedded so far, over all requests. */
  embeddedTexts(): string[] {
    return this.requests.flatMap((r) => r.input);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  static vector(text: string, dimensions: number): number[] {
    const v = new Array(dimensions).fill(0);
    for (const word of text.toLowerCase().match(/[a-z0-9_]+/g) ?? []) {
      const h = createHash('md5').update(word).digest();
      v[h.readUInt32LE(0) % dimensions] += h[4] & 1 ? 1 : -1;
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
    this.requests.push({ model: body.model, input, dimensions: body.dimensions });
    await this.pause;
    const refused = this.refused && input.some(this.refused);
    const failure = this.failures.shift() ?? (this.outageStatus ? { status: this.outageStatus } : refused ? { status: 400 } : undefined);
    if (failure) {
      res
        .writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) })
        .end(JSON.stringify({ error: { message: `scripted failure ${failure.status}`, type: 'server_error' } }));
      return;
    }
    const dims = body.dimensions ?? this.defaultDimensions;
    const data = input.map((text, index) => ({ object: 'embedding', index, embedding: FakeEmbeddingsServer.vector(text, dims) }));
    data.reverse(); // answers may come in any order: clients must sort by index
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ object: 'list', model: body.model, data, usage: { prompt_tokens: 0, total_tokens: 0 } }),
    );
  }
}
