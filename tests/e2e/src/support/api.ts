import { pathTemplate, undocumentedFields } from './documented';

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
    // Every JSON success answer of the API must be described by the OpenAPI document, field for field.
    const template = pathTemplate(path);
    if (template?.startsWith('/api/v1/') && response.status < 300 && json !== undefined) {
      const undocumented = undocumentedFields(method, template, response.status, json);
      if (undocumented.length) throw new Error(`${method} ${template} answered fields docs/openapi.json does not describe: ${undocumented.join(', ')}`);
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

/** Distinct problems, so that sample traces are not near-duplicates of each other. */
const TOPICS: [string, string, string, string[]][] = [
  ['Docker container cannot reach PostgreSQL on localhost', 'Inside a Docker container, connecting to localhost:5432 fails with ECONNREFUSED although PostgreSQL runs on the host.', 'Inside a container localhost is the container itself: use host.docker.internal, or join both to one compose network.', ['docker', 'postgresql', 'networking']],
  ['Jest cannot use import statement outside a module', 'Running jest on a TypeScript project gives SyntaxError: Cannot use import statement outside a module for an ESM-only dependency.', 'Add the package to transformIgnorePatterns so babel-jest transforms it, or run jest with --experimental-vm-modules.', ['jest', 'typescript', 'esm']],
  ['Git push rejected because the remote contains work you do not have', 'git push origin main is refused: Updates were rejected because the remote contains work that you do not have locally.', 'Fetch and rebase first: git pull --rebase origin main, resolve conflicts, then push again. Never force-push a shared branch.', ['git']],
  ['Kubernetes pod stuck in CrashLoopBackOff after deploy', 'kubectl get pods shows CrashLoopBackOff; kubectl logs --previous prints a missing environment variable at start-up.', 'Add the variable to the Deployment env (or the ConfigMap it reads) and roll out again; check with kubectl describe pod.', ['kubernetes', 'kubectl']],
  ['Python ModuleNotFoundError inside a virtualenv', 'pip install requests succeeded but python script.py raises ModuleNotFoundError: No module named requests.', 'The script runs with another interpreter: activate the venv or call python -m pip install with the same python that runs the script.', ['python', 'pip', 'venv']],
  ['Rust borrow checker rejects pushing while iterating a vector', 'error[E0502]: cannot borrow v as mutable because it is also borrowed as immutable inside a for loop over v.', 'Collect the new items into a second vector during the loop and extend the original after it, or iterate over indices.', ['rust', 'borrow-checker']],
  ['Go fatal error: all goroutines are asleep - deadlock', 'A Go program sending on an unbuffered channel in main without a receiver crashes with all goroutines are asleep.', 'Start the receiver in its own goroutine before sending, or make the channel buffered; close it when done.', ['go', 'concurrency']],
  ['Maven build fails with dependency convergence error', 'mvn verify fails in the enforcer plugin: Dependency convergence error for com.fasterxml.jackson.core jackson-databind.', 'Pin one version in dependencyManagement, or exclude the transitive copy; mvn dependency:tree shows who brings which.', ['java', 'maven']],
  ['GitHub Actions job cannot push tags with GITHUB_TOKEN', 'The release workflow fails with remote: Permission to repo denied to github-actions[bot] when pushing a tag.', 'Grant permissions: contents: write to the job, or use a deploy key; the default token is read-only in new repositories.', ['github-actions', 'ci']],
  ['Vite dev server shows blank page after upgrading', 'After upgrading Vite the dev server serves a blank page and the console says Failed to resolve import of a CSS module.', 'Rename module files to .module.css and restart with the cache cleared: rm -rf node_modules/.vite.', ['vite', 'frontend']],
  ['PostgreSQL sequence out of sync after importing rows', 'INSERT fails with duplicate key value violates unique constraint pkey after a bulk import with explicit ids.', 'Reset the sequence: SELECT setval(pg_get_serial_sequence(table, id), max(id)) FROM table.', ['postgresql', 'sql']],
  ['AWS CLI says Unable to locate credentials', 'aws s3 ls prints Unable to locate credentials in a fresh shell on a build agent.', 'Configure a profile with aws configure --profile ci and export AWS_PROFILE, or use the instance role.', ['aws', 'aws-cli']],
];

let counter = 0;
/** A realistic trace; each call takes another problem, so repeated calls are not duplicates. */
export function sampleTrace(overrides: Record<string, unknown> = {}) {
  const [title, context, solution, tags] = TOPICS[counter % TOPICS.length];
  counter += 1;
  // Past the pool, a distinct release number keeps a repeated problem from being a duplicate.
  const context_text = `${context} Seen on release ${counter}.${counter % 10}.`;
  return { title, context_text, solution_text: solution, tags, agent_model: 'test-model', ...overrides };
}
