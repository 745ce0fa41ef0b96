import { validateEnv } from '@commontrace/util-config';
import { createServer, get, IncomingMessage, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { drainSettings, exitCodeForSignal, HttpDrain } from './graceful-shutdown';

describe('drainSettings', () => {
  it('reads SHUTDOWN_DRAIN_DELAY_MS and SHUTDOWN_TIMEOUT_MS, with production defaults', () => {
    expect(drainSettings(validateEnv({}))).toEqual({ drainDelayMs: 5000, timeoutMs: 15_000 });
    expect(drainSettings(validateEnv({ SHUTDOWN_DRAIN_DELAY_MS: '0', SHUTDOWN_TIMEOUT_MS: '250' }))).toEqual({ drainDelayMs: 0, timeoutMs: 250 });
  });
});

describe('exitCodeForSignal', () => {
  it('is 128 + the signal number, as a shell reports a process the signal stopped', () => {
    expect(exitCodeForSignal('SIGTERM')).toBe(143);
    expect(exitCodeForSignal('SIGINT')).toBe(130);
  });
});

/** A real HTTP server whose /slow requests wait until released; the rest answer at once. */
function slowServer() {
  let release = () => undefined as void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const arrived: string[] = [];
  const server = createServer((req, res) => {
    arrived.push(req.url ?? '');
    if (req.url === '/slow') void released.then(() => res.end('slow done'));
    else res.end('fast');
  });
  return { server, release: () => release(), arrived };
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A request on a connection of its own; resolves with the status, the Connection header and the body. */
function fetchOn(port: number, path: string, agent?: import('node:http').Agent) {
  return new Promise<{ status: number; connection?: string; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent: agent ?? false }, (res: IncomingMessage) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body }));
    }).once('error', reject);
  });
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

describe('HttpDrain', () => {
  it('refuses new connections, closes idle keep-alive ones, and lets the request in flight finish with Connection: close', async () => {
    const { server, release, arrived } = slowServer();
    const drain = new HttpDrain(server);
    const port = await listen(server);
    const { Agent } = await import('node:http');
    const keepAlive = new Agent({ keepAlive: true });
    expect((await fetchOn(port, '/fast', keepAlive)).body).toBe('fast'); // leaves an idle keep-alive connection
    const slowAgent = new Agent({ keepAlive: true });
    const slow = fetchOn(port, '/slow', slowAgent);
    while (!arrived.includes('/slow')) await new Promise((r) => setImmediate(r));
    expect(drain.inFlight).toBe(1);

    let closed = false;
    const closing = drain.close(60_000).then((cut) => ((closed = true), cut));
    expect(await connects(port)).toBe(false);
    expect(closed).toBe(false);

    release();
    expect(await slow).toEqual({ status: 200, connection: 'close', body: 'slow done' });
    // Every connection ended, the idle keep-alive one included: nothing was cut.
    expect(await closing).toBe(0);
    keepAlive.destroy();
    slowAgent.destroy();
  });

  it('cuts the requests still under way after the timeout and says how many', async () => {
    const { server, release, arrived } = slowServer();
    const drain = new HttpDrain(server);
    const port = await listen(server);
    const slow = fetchOn(port, '/slow').then(
      () => 'answered',
      () => 'cut',
    );
    while (!arrived.includes('/slow')) await new Promise((r) => setImmediate(r));
    expect(await drain.close(50)).toBe(1);
    expect(await slow).toBe('cut');
    release();
  });
});
