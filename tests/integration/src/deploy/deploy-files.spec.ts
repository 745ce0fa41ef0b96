/**
 * Static checks for the deployment files (deploy/Dockerfile, built once per app
 * with build args, and docker-compose.yml). CI has no Docker engine, so nothing here builds or runs
 * an image. The spec reads the files and fails when one of them has lost
 * something the stack relies on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const repoRoot = path.resolve(__dirname, '../../../..');

/** Long-running compose services and the port each one listens on. */
const SERVICE_PORTS: Record<string, number> = {
  gateway: 3000,
  ingest: 3001,
  embedding: 3002,
  search: 3003,
  reputation: 3004,
};
const SERVICES = Object.keys(SERVICE_PORTS);

/** Every app that ships an image, with the port it exposes (null: one-shot job). */
const IMAGE_PORTS: Record<string, number | null> = {
  ...SERVICE_PORTS,
  'all-in-one': 3000,
  'mcp-server': 3005,
  migrate: null,
};
const IMAGE_APPS = Object.keys(IMAGE_PORTS);
/** Apps that run on the user's machine, not in an image: the Claude Code plugin (issue 19). */
const CLIENT_APPS = ['claude-plugin'];

/** The build args the all-in-one image is built with (deploy/README.md); compose gives the others theirs. */
const ALL_IN_ONE_ARGS = { APP: 'all-in-one' };
const DOCKERFILE = path.join(repoRoot, 'deploy', 'Dockerfile');

const DATABASE_URL = 'postgres://commontrace:commontrace@postgres:5432/commontrace';
const ROOT_USERS = new Set(['root', '0']);

// ---------------------------------------------------------------------------
// Dockerfile helpers
// ---------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/**
 * Splits a Dockerfile into instructions. Comment lines are dropped and
 * backslash continuations are joined, so a multi-line RUN or HEALTHCHECK
 * becomes one instruction.
 */
function parseDockerfile(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line.startsWith('#')) continue;
    if (line === '' && pending === '') continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1).trim() + ' ';
      continue;
    }
    const full = (pending + line).trim();
    pending = '';
    if (full === '') continue;
    const match = /^(\S+)\s*(.*)$/.exec(full);
    if (match) instructions.push({ keyword: match[1].toUpperCase(), args: match[2] });
  }
  if (pending.trim() !== '') {
    throw new Error('Dockerfile ends inside a line continuation');
  }
  return instructions;
}

/** Groups instructions by build stage; each stage starts with its FROM. */
function splitStages(instructions: Instruction[]): Instruction[][] {
  const stages: Instruction[][] = [];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') stages.push([]);
    if (stages.length > 0) stages[stages.length - 1].push(instruction);
  }
  return stages;
}

function of(stage: Instruction[], keyword: string): Instruction[] {
  return stage.filter((i) => i.keyword === keyword);
}

/** Reads `ENV A=1 B=2` and `ENV A 1` forms into one map. */
function envOf(stage: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { args } of of(stage, 'ENV')) {
    if (args.includes('=')) {
      for (const pair of args.split(/\s+/)) {
        const eq = pair.indexOf('=');
        if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1).replace(/^"(.*)"$/, '$1');
      }
    } else {
      const [key, ...rest] = args.split(/\s+/);
      env[key] = rest.join(' ');
    }
  }
  return env;
}

/**
 * Resolves the stage-scoped `ARG`s of each stage (given build args first, then
 * the ARG's default) in the instructions that follow them, as Docker (or, in
 * RUN, the shell) does. Unknown or unset args resolve to the empty string.
 */
function resolveArgs(stages: Instruction[][], buildArgs: Record<string, string>): Instruction[][] {
  return stages.map((stage) => {
    const values: Record<string, string> = {};
    return stage.map(({ keyword, args }) => {
      const resolved = args.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced, bare) => values[braced ?? bare] ?? '');
      if (keyword === 'ARG') {
        const [name, ...rest] = args.split('=');
        values[name.trim()] = buildArgs[name.trim()] ?? rest.join('=');
      }
      return { keyword, args: resolved };
    });
  });
}

function readDockerfile(buildArgs: Record<string, string>): Instruction[][] {
  return resolveArgs(splitStages(parseDockerfile(readFileSync(DOCKERFILE, 'utf8'))), buildArgs);
}

// ---------------------------------------------------------------------------
// Compose helpers
// ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts both the map and the `KEY=value` list forms of `environment`. */
function environmentOf(service: Json): Record<string, string> {
  const env = service['environment'];
  const result: Record<string, string> = {};
  if (Array.isArray(env)) {
    for (const entry of env) {
      const text = String(entry);
      const eq = text.indexOf('=');
      if (eq > 0) result[text.slice(0, eq)] = text.slice(eq + 1);
    }
  } else if (isObject(env)) {
    for (const [key, value] of Object.entries(env)) {
      result[key] = value === null || value === undefined ? '' : String(value);
    }
  }
  return result;
}

/** Accepts both forms of `depends_on`; list entries have no condition. */
function dependsOnOf(service: Json): Record<string, string | undefined> {
  const deps = service['depends_on'];
  const result: Record<string, string | undefined> = {};
  if (Array.isArray(deps)) {
    for (const name of deps) result[String(name)] = undefined;
  } else if (isObject(deps)) {
    for (const [name, spec] of Object.entries(deps)) {
      result[name] = isObject(spec) && typeof spec['condition'] === 'string' ? spec['condition'] : undefined;
    }
  }
  return result;
}

function healthcheckCommand(service: Json): string {
  const healthcheck = service['healthcheck'];
  if (!isObject(healthcheck) || healthcheck['disable'] === true) return '';
  const test = healthcheck['test'];
  if (Array.isArray(test)) {
    if (test[0] === 'NONE') return '';
    return test.map(String).join(' ');
  }
  return typeof test === 'string' ? test : '';
}

/** A compose service's build args (map or `KEY=value` list form), as strings. */
function buildArgsOf(service: Json | undefined): Record<string, string> {
  const build = service?.['build'];
  const args = isObject(build) ? build['args'] : undefined;
  const result: Record<string, string> = {};
  if (Array.isArray(args)) {
    for (const entry of args.map(String)) {
      const eq = entry.indexOf('=');
      if (eq > 0) result[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
  } else if (isObject(args)) {
    for (const [key, value] of Object.entries(args)) result[key] = String(value);
  }
  return result;
}

function loadCompose(): Record<string, Json> {
  const text = readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8');
  // Compose resolves `<<: *anchor` merge keys; YAML 1.2 parsing needs them enabled.
  const doc: unknown = parse(text, { merge: true });
  if (!isObject(doc) || !isObject(doc['services'])) {
    throw new Error('docker-compose.yml has no top-level services map');
  }
  const services: Record<string, Json> = {};
  for (const [name, value] of Object.entries(doc['services'])) {
    if (!isObject(value)) throw new Error(`compose service ${name} is not a map`);
    services[name] = value;
  }
  return services;
}

// ---------------------------------------------------------------------------
// Dockerfiles
// ---------------------------------------------------------------------------

describe('deploy/Dockerfile', () => {
  /** The build args of an app's image: compose's for the stack, the README's for the all-in-one. */
  const buildArgsFor = (app: string) => (app === 'all-in-one' ? ALL_IN_ONE_ARGS : buildArgsOf(loadCompose()[app]));

  it('is the only Dockerfile: no per-app copies', () => {
    expect(existsSync(DOCKERFILE)).toBe(true);
    const copies = readdirSync(path.join(repoRoot, 'deploy'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(repoRoot, 'deploy', entry.name, 'Dockerfile')))
      .map((entry) => entry.name);
    expect(copies).toEqual([]);
  });

  it('ships every app under apps/', () => {
    const apps = readdirSync(path.join(repoRoot, 'apps'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && !CLIENT_APPS.includes(entry.name))
      .map((entry) => entry.name);
    expect([...apps].sort()).toEqual([...IMAGE_APPS].sort());
  });

  it('refuses to build without an APP build arg', () => {
    const build = splitStages(parseDockerfile(readFileSync(DOCKERFILE, 'utf8')))[0];
    expect(of(build, 'ARG').map((i) => i.args.trim())).toContain('APP');
    const firstRun = of(build, 'RUN')[0]?.args ?? '';
    expect(firstRun).toMatch(/test -n "\$APP"/);
  });

  describe.each(IMAGE_APPS)('%s', (app) => {
    let stages: Instruction[][];
    let runtime: Instruction[];

    beforeAll(() => {
      const args = buildArgsFor(app);
      expect(args['APP']).toBe(app);
      stages = readDockerfile(args);
      runtime = stages[stages.length - 1] ?? [];
    });

    it('is a multi-stage build on Node 24', () => {
      expect(stages.length).toBeGreaterThanOrEqual(2);
      for (const stage of stages) expect(of(stage, 'FROM')[0].args).toMatch(/^node:24[-.\s]/);
    });

    it('builds this app, and only this app, with nx in an earlier stage', () => {
      const builtIn = (stage: Instruction[]) =>
        of(stage, 'RUN').flatMap(({ args }) =>
          [...args.matchAll(/\bnx\s+build\s+([^\s;&|]+)/g)].map((m) => m[1]),
        );
      expect(stages.slice(0, -1).flatMap(builtIn)).toEqual([app]);
      expect(builtIn(runtime)).toEqual([]);
    });

    it('copies the webpack output of this app into the runtime stage', () => {
      const copies = of(runtime, 'COPY').map((i) => i.args);
      const fromBuild = copies.filter((args) => /--from=\S+/.test(args));
      expect(fromBuild.some((args) => new RegExp(`dist/apps/${app}(/|\\s)`).test(args))).toBe(true);
    });

    it('runs as a non-root user', () => {
      const users = of(runtime, 'USER').map((i) => i.args.trim());
      expect(users.length).toBeGreaterThan(0);
      const effective = users[users.length - 1].split(':')[0];
      expect(effective).not.toBe('');
      expect(ROOT_USERS.has(effective)).toBe(false);
    });

    it('installs only production dependencies in the runtime stage', () => {
      const runs = of(runtime, 'RUN').map((i) => i.args);
      expect(runs.some((args) => /\bnpm\s+(ci|install)\b.*--omit=dev/.test(args))).toBe(true);
      expect(envOf(runtime)['NODE_ENV']).toBe('production');
    });

    it('starts main.js with node', () => {
      const cmds = of(runtime, 'CMD');
      expect(cmds.length).toBeGreaterThan(0);
      expect(JSON.parse(cmds[cmds.length - 1].args)).toEqual(['node', 'main.js']);
    });

    const port = IMAGE_PORTS[app];
    if (port === null) {
      it('is a one-shot job: compose turns the liveness check off', () => {
        const migrate = loadCompose()[app];
        expect(healthcheckCommand(migrate)).toBe('');
      });
    } else {
      it(`listens on ${port} and checks /health/live on that port`, () => {
        expect(of(runtime, 'EXPOSE').map((i) => i.args.trim())).toContain(String(port));
        expect(envOf(runtime)['PORT']).toBe(String(port));
        const healthchecks = of(runtime, 'HEALTHCHECK').map((i) => i.args);
        expect(healthchecks).toHaveLength(1);
        expect(healthchecks[0]).toContain('/health/live');
        expect(healthchecks[0]).toContain('process.env.PORT');
      });
    }
  });

  it('all-in-one keeps its data in /data, writable by the non-root user', () => {
    const stages = readDockerfile(ALL_IN_ONE_ARGS);
    const runtime = stages[stages.length - 1];
    expect(envOf(runtime)['DATA_DIR']).toBe('/data');
    const runs = of(runtime, 'RUN').map((i) => i.args);
    expect(runs.some((args) => /mkdir -p \/data\b/.test(args) && /chown node(:node)? \/data\b/.test(args))).toBe(true);
  });

  it('.dockerignore keeps host build output and dependencies out of the context', () => {
    const file = path.join(repoRoot, '.dockerignore');
    expect(existsSync(file)).toBe(true);
    const entries = readFileSync(file, 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim().replace(/^\/+|\/+$/g, ''))
      .filter((line) => line !== '' && !line.startsWith('#'));
    for (const entry of ['node_modules', 'dist', '.nx', '.git']) {
      expect(entries).toContain(entry);
    }
  });
});

// ---------------------------------------------------------------------------
// docker-compose.yml
// ---------------------------------------------------------------------------

describe('docker-compose.yml', () => {
  let services: Record<string, Json>;

  beforeAll(() => {
    services = loadCompose();
  });

  it('declares the infrastructure, the migrate job and the five services', () => {
    expect(Object.keys(services)).toEqual(
      expect.arrayContaining(['postgres', 'nats', 'migrate', ...SERVICES]),
    );
  });

  it('gives postgres and nats healthchecks, since other services wait on them', () => {
    expect(healthcheckCommand(services['postgres'])).toContain('pg_isready');
    expect(healthcheckCommand(services['nats'])).toContain('/healthz');
  });

  it('only depends on services that exist', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const dep of Object.keys(dependsOnOf(service))) {
        expect({ service: name, dependsOn: dep, exists: dep in services }).toEqual({
          service: name,
          dependsOn: dep,
          exists: true,
        });
      }
    }
  });

  it('runs migrate once, after postgres is healthy', () => {
    const migrate = services['migrate'];
    expect(dependsOnOf(migrate)['postgres']).toBe('service_healthy');
    expect(environmentOf(migrate)['DATABASE_URL']).toBe(DATABASE_URL);
    expect(String(migrate['restart'] ?? 'no')).toBe('no');
  });

  describe.each(SERVICES)('%s', (name) => {
    let service: Json;

    beforeAll(() => {
      service = services[name];
      if (!service) throw new Error(`compose service ${name} is missing`);
    });

    it('has a readiness healthcheck', () => {
      expect(healthcheckCommand(service)).toContain('/health/ready');
    });

    it('starts only after migrate completed and the infrastructure is healthy', () => {
      const deps = dependsOnOf(service);
      expect(deps['migrate']).toBe('service_completed_successfully');
      expect(deps['postgres']).toBe('service_healthy');
      expect(deps['nats']).toBe('service_healthy');
    });

    it('gets DATABASE_URL, NATS_URL and its own PORT', () => {
      const env = environmentOf(service);
      expect(env['DATABASE_URL']).toBe(DATABASE_URL);
      expect(env['NATS_URL']).toBe('nats://nats:4222');
      expect(env['PORT']).toBe(String(SERVICE_PORTS[name]));
    });

    it('is restarted unless stopped', () => {
      expect(service['restart']).toBe('unless-stopped');
    });

    it(name === 'gateway' ? 'publishes port 3000' : 'publishes no port to the host', () => {
      const ports = Array.isArray(service['ports']) ? service['ports'].map(String) : [];
      expect(ports).toEqual(name === 'gateway' ? ['3000:3000'] : []);
    });
  });

  it('runs the embedding service with the offline provider', () => {
    expect(environmentOf(services['embedding'])['EMBEDDING_PROVIDER']).toBe('offline');
  });

  it.each(['migrate', ...SERVICES])('%s builds deploy/Dockerfile with APP (and PORT) as build args', (name) => {
    const build = services[name]?.['build'];
    expect(isObject(build)).toBe(true);
    const { context, dockerfile } = build as Json;
    expect(typeof dockerfile).toBe('string');
    const contextDir = path.resolve(repoRoot, typeof context === 'string' ? context : '.');
    const dockerfilePath = path.resolve(contextDir, dockerfile as string);
    expect(contextDir).toBe(repoRoot);
    expect(dockerfilePath).toBe(DOCKERFILE);
    const args = buildArgsOf(services[name]);
    expect(args['APP']).toBe(name);
    if (name in SERVICE_PORTS) expect(args['PORT']).toBe(String(SERVICE_PORTS[name]));
});
});
