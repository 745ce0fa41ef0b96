/**
 * Static checks that the deployment files leave every serving process the time its graceful shutdown
 * takes (SHUTDOWN_DRAIN_DELAY_MS, then SHUTDOWN_TIMEOUT_MS, then the shutdown hooks) before the
 * orchestrator kills it, and that they probe readiness and liveness where the drain expects:
 * docker-compose.yml (stop_grace_period) and deploy/kubernetes/commontrace.yaml
 * (terminationGracePeriodSeconds, probes). Like deploy-files.spec.ts, nothing here runs an image.
 */
import { validateEnv } from '@commontrace/util-config';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../../..');
const SERVICE_PORTS: Record<string, number> = { gateway: 3000, ingest: 3001, embedding: 3002, search: 3003, reputation: 3004 };
const SERVICES = Object.keys(SERVICE_PORTS);
/** Time the shutdown hooks get after the drain, at least (the outbox relay's last pass, NATS drain). */
const HOOKS_MS = 5000;

type Json = any;

/** Compose durations such as `30s`, `1m30s`, `500ms`. */
function composeDurationMs(value: string): number {
  let total = 0;
  for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(n) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit as 'ms' | 's' | 'm' | 'h'];
  }
  return total;
}

function shutdownMs(env: Record<string, string>): { drain: number; timeout: number } {
  const parsed = validateEnv(env);
  return { drain: parsed.SHUTDOWN_DRAIN_DELAY_MS, timeout: parsed.SHUTDOWN_TIMEOUT_MS };
}

describe('docker-compose.yml: time to shut down gracefully', () => {
  const compose: Json = parse(readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });

  it.each(SERVICES)('%s: stop_grace_period exceeds the drain delay plus the timeout, with room for the hooks', (name) => {
    const service = compose.services[name];
    const { drain, timeout } = shutdownMs(service.environment);
    expect(typeof service.stop_grace_period).toBe('string');
    expect(composeDurationMs(service.stop_grace_period)).toBeGreaterThanOrEqual(drain + timeout + HOOKS_MS);
  });
});

describe('deploy/kubernetes/commontrace.yaml', () => {
  const docs: Json[] = parseAllDocuments(readFileSync(path.join(repoRoot, 'deploy/kubernetes/commontrace.yaml'), 'utf8')).map((d) => {
    if (d.errors.length) throw d.errors[0];
    return d.toJS();
  });
  const config = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === 'commontrace');
  const deployment = (name: string) => docs.find((d) => d.kind === 'Deployment' && d.metadata.name === `commontrace-${name}`);

  it('sets the shutdown durations once, to the documented defaults', () => {
    expect(shutdownMs(config.data)).toEqual(shutdownMs({}));
  });

  it('runs the migrations as a Job', () => {
    expect(docs.find((d) => d.kind === 'Job')?.spec.template.spec.containers[0].image).toMatch(/^commontrace\/migrate:/);
  });

  describe.each(SERVICES)('%s', (name) => {
    const spec = () => deployment(name).spec.template.spec;
    const container = () => spec().containers[0];

    it('is a Deployment of its image, on its port, with the shared settings', () => {
      expect(container().image).toMatch(new RegExp(`^commontrace/${name}:`));
      expect(container().ports).toEqual([{ name: 'http', containerPort: SERVICE_PORTS[name] }]);
      expect(container().env).toEqual(expect.arrayContaining([{ name: 'PORT', value: String(SERVICE_PORTS[name]) }]));
      expect(container().envFrom).toEqual([{ configMapRef: { name: 'commontrace' } }]);
    });

    it('gets a terminationGracePeriodSeconds over the drain delay plus the timeout, with room for the hooks', () => {
      const { drain, timeout } = shutdownMs(config.data);
      expect(spec().terminationGracePeriodSeconds * 1000).toBeGreaterThanOrEqual(drain + timeout + HOOKS_MS);
    });

    it('probes readiness on /health/ready, noticing a drain within the drain delay, and liveness on /health/live', () => {
      const { readinessProbe, livenessProbe } = container();
      expect(readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      const noticedWithinMs = readinessProbe.periodSeconds * readinessProbe.failureThreshold * 1000;
      expect(noticedWithinMs).toBeLessThanOrEqual(shutdownMs(config.data).drain);
    });
  });

  it('exposes the gateway, and only the gateway, as a Service', () => {
    const services = docs.filter((d) => d.kind === 'Service');
    expect(services.map((s) => s.spec.selector)).toEqual([{ app: 'commontrace-gateway' }]);
  });
});
