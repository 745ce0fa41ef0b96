/**
 * Realistic traces for benchmarks: a problem an agent met (tool, version, error message,
 * environment, what it tried, a code block) and the fix it found, generated from templates
 * over many technologies, errors, causes and fixes. Each trace is built from a seed, so a run
 * is reproducible; different seeds give different projects, versions, paths and details, so
 * the duplicate check rightly lets them through (they are different problems, not rewordings).
 */

interface Problem {
  /** The error as the tool prints it; {x} placeholders are filled from the seed. */
  error: string;
  /** Why it happened. */
  cause: string;
  /** What fixed it, in prose. */
  fix: string;
  /** Code or commands that show the fix. */
  code: string;
}

interface Technology {
  name: string;
  tags: string[];
  lang: string;
  /** Versions a trace may name. */
  versions: string[];
  problems: Problem[];
}

const TECHNOLOGIES: Technology[] = [
  {
    name: 'TypeScript',
    tags: ['typescript', 'tsc'],
    lang: 'ts',
    versions: ['4.9.5', '5.0.4', '5.2.2', '5.4.5', '5.6.3'],
    problems: [
      {
        error: "error TS2307: Cannot find module '@{pkg}/{mod}' or its corresponding type declarations.",
        cause: 'the path alias is declared in tsconfig.base.json but the package tsconfig overrides "paths" without it',
        fix: 'extend the base config and keep a single "paths" block, or add the alias to the overriding file',
        code: '{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "baseUrl": ".", "paths": { "@{pkg}/{mod}": ["libs/{mod}/src/index.ts"] } }\n}',
      },
      {
        error: "error TS2345: Argument of type 'string | undefined' is not assignable to parameter of type 'string'.",
        cause: 'strictNullChecks was turned on and process.env lookups are typed as possibly undefined',
        fix: 'read the variable once through a helper that throws when it is missing',
        code: "function required(name: string): string {\n  const value = process.env[name];\n  if (!value) throw new Error(`${name} is not set`);\n  return value;\n}\nconst {mod}Url = required('{env}');",
      },
      {
        error: "error TS1479: The current file is a CommonJS module whose imports will produce 'require' calls; however, the referenced file is an ECMAScript module.",
        cause: 'the dependency {pkg} ships ESM only and "module" is set to node16 while package.json has no "type"',
        fix: 'load it with a dynamic import() at run time, or switch the package to "type": "module"',
        code: "const { {mod} } = await import('{pkg}');",
      },
    ],
  },
  {
    name: 'Jest',
    tags: ['jest', 'testing'],
    lang: 'ts',
    versions: ['27.5.1', '29.7.0', '30.0.2'],
    problems: [
      {
        error: "Cannot find module '@{pkg}/{mod}' from 'src/{mod}.spec.ts'",
        cause: 'jest does not read tsconfig paths, so the alias only works in tsc',
        fix: 'map the aliases in moduleNameMapper, generated from tsconfig with pathsToModuleNameMapper',
        code: "const { pathsToModuleNameMapper } = require('ts-jest');\nconst { compilerOptions } = require('./tsconfig.json');\nmodule.exports = { moduleNameMapper: pathsToModuleNameMapper(compilerOptions.paths, { prefix: '<rootDir>/' }) };",
      },
      {
        error: 'Jest did not exit one second after the test run has completed.',
        cause: 'the {mod} client opened in beforeAll keeps a socket open after the suite',
        fix: 'close the client in afterAll and await it; --detectOpenHandles shows which handle is left',
        code: 'afterAll(async () => {\n  await {mod}Client.close();\n});',
      },
      {
        error: 'SyntaxError: Cannot use import statement outside a module\n    at Runtime.createScriptFunction (node_modules/jest-runtime/build/index.js:1505:14)',
        cause: '{pkg} in node_modules is published as ESM and transformIgnorePatterns skips node_modules',
        fix: 'let the transformer handle that package by excluding it from transformIgnorePatterns',
        code: "transformIgnorePatterns: ['node_modules/(?!({pkg})/)'],",
      },
    ],
  },
  {
    name: 'npm',
    tags: ['npm', 'node'],
    lang: 'sh',
    versions: ['8.19.4', '9.8.1', '10.2.4', '10.8.2'],
    problems: [
      {
        error: 'npm ERR! code ERESOLVE\nnpm ERR! ERESOLVE unable to resolve dependency tree\nnpm ERR! peer {pkg}@"^{major}.0.0" from {mod}-plugin@2.1.0',
        cause: 'the plugin declares a peer range that excludes the installed major version of {pkg}',
        fix: 'upgrade the plugin to a release that supports the new major, or pin {pkg} to the supported range; --legacy-peer-deps only hides it',
        code: 'npm ls {pkg}\nnpm install {mod}-plugin@latest\nnpm install',
      },
      {
        error: 'npm ERR! code EACCES\nnpm ERR! syscall mkdir\nnpm ERR! path /usr/local/lib/node_modules/{pkg}',
        cause: 'npm install -g runs against a prefix owned by root',
        fix: 'point the global prefix at a directory the user owns instead of using sudo',
        code: 'mkdir -p ~/.npm-global\nnpm config set prefix ~/.npm-global\nexport PATH=~/.npm-global/bin:$PATH\nnpm install -g {pkg}',
      },
      {
        error: 'npm ERR! code E404\nnpm ERR! 404 Not Found - GET https://registry.npmjs.org/@{pkg}%2f{mod} - Not found',
        cause: 'the scoped package lives in a private registry and .npmrc in the CI job has no scope mapping',
        fix: 'map the scope to the private registry in the project .npmrc and provide the token through an environment variable',
        code: '@{pkg}:registry=https://npm.{pkg}.internal/\n//npm.{pkg}.internal/:_authToken=${NPM_TOKEN}',
      },
    ],
  },
  {
    name: 'Docker',
    tags: ['docker', 'containers'],
    lang: 'dockerfile',
    versions: ['20.10.24', '24.0.7', '25.0.3', '26.1.4'],
    problems: [
      {
        error: 'failed to solve: process "/bin/sh -c npm ci" did not complete successfully: exit code: 137',
        cause: 'the build container runs out of memory while installing {pkg} with its native addon',
        fix: 'raise the memory of the build VM, or build the native addon in a separate stage with a prebuilt binary',
        code: 'FROM node:{major}-bookworm AS deps\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev',
      },
      {
        error: 'exec /usr/local/bin/docker-entrypoint.sh: exec format error',
        cause: 'the image was built on an arm64 laptop and runs on an amd64 host',
        fix: 'build for the target platform with buildx and push a multi-arch manifest',
        code: 'docker buildx build --platform linux/amd64,linux/arm64 -t {pkg}/{mod}:{major} --push .',
      },
      {
        error: 'COPY failed: file not found in build context or excluded by .dockerignore: stat {mod}/dist: file does not exist',
        cause: 'the dist folder is listed in .dockerignore, so the prebuilt output never reaches the daemon',
        fix: 'build inside the image in a builder stage instead of copying host output',
        code: 'FROM node:{major} AS build\nCOPY . .\nRUN npm ci && npm run build\nFROM node:{major}-slim\nCOPY --from=build /app/{mod}/dist ./dist',
      },
    ],
  },
  {
    name: 'PostgreSQL',
    tags: ['postgresql', 'database'],
    lang: 'sql',
    versions: ['12.17', '14.10', '15.5', '16.1'],
    problems: [
      {
        error: 'Error: connect ECONNREFUSED 127.0.0.1:{port}',
        cause: 'inside docker compose the application connects to localhost, which is its own container',
        fix: 'use the compose service name as the host and wait for the database health check',
        code: 'DATABASE_URL=postgres://app@db:{port}/{mod}\n# compose: depends_on: { db: { condition: service_healthy } }',
      },
      {
        error: 'ERROR: duplicate key value violates unique constraint "{mod}_pkey"\nDETAIL: Key (id)=({port}) already exists.',
        cause: 'rows were imported with explicit ids and the sequence was left behind',
        fix: 'move the sequence past the highest id after the import',
        code: "SELECT setval(pg_get_serial_sequence('{mod}', 'id'), (SELECT max(id) FROM {mod}));",
      },
      {
        error: 'FATAL: sorry, too many clients already',
        cause: 'every worker of the {pkg} app opens its own pool of 20 connections',
        fix: 'size the pools so that workers times pool size stays under max_connections, or put PgBouncer in front',
        code: '// {workers} workers x 5 connections each\nconst pool = new Pool({ max: 5, idleTimeoutMillis: 10_000 });',
      },
    ],
  },
  {
    name: 'Rust',
    tags: ['rust', 'cargo'],
    lang: 'rust',
    versions: ['1.70.0', '1.74.1', '1.78.0', '1.82.0'],
    problems: [
      {
        error: 'error[E0502]: cannot borrow `{mod}` as mutable because it is also borrowed as immutable',
        cause: 'a reference into the vector is kept across the push that may reallocate it',
        fix: 'copy the value out (or keep an index) before mutating the vector',
        code: 'let first = {mod}[0].clone();\n{mod}.push(first);',
      },
      {
        error: 'error[E0277]: `Rc<RefCell<{Type}>>` cannot be sent between threads safely',
        cause: 'a value shared through Rc is moved into tokio::spawn, which needs Send',
        fix: 'share it through Arc<Mutex<_>> (or tokio::sync::Mutex when held across await points)',
        code: 'let state = Arc::new(Mutex::new({Type}::default()));\nlet s = Arc::clone(&state);\ntokio::spawn(async move { s.lock().await.{mod}() });',
      },
      {
        error: 'error: linker `cc` not found\n  = note: No such file or directory (os error 2)',
        cause: 'the slim CI image has rustup but no C toolchain for the {pkg} build script',
        fix: 'install build-essential (or use the full rust image) before cargo build',
        code: 'apt-get update && apt-get install -y --no-install-recommends build-essential pkg-config libssl-dev',
      },
    ],
  },
  {
    name: 'Python',
    tags: ['python', 'pip'],
    lang: 'python',
    versions: ['3.8.18', '3.10.13', '3.11.7', '3.12.1'],
    problems: [
      {
        error: "Traceback (most recent call last):\n  File \"{mod}/main.py\", line {line}, in <module>\n    import {pkg}\nModuleNotFoundError: No module named '{pkg}'",
        cause: 'the package was installed with the system pip while the script runs in the project virtualenv',
        fix: 'install it with the interpreter that runs the script, python -m pip, inside the activated venv',
        code: 'python -m venv .venv\nsource .venv/bin/activate\npython -m pip install {pkg}',
      },
      {
        error: "TypeError: unsupported operand type(s) for |: 'type' and 'NoneType'",
        cause: 'the X | None annotation syntax needs Python 3.10 and the service still runs an older interpreter',
        fix: 'add from __future__ import annotations, or use Optional[X]',
        code: 'from __future__ import annotations\n\ndef load_{mod}(path: str | None = None) -> dict[str, str]:\n    ...',
      },
      {
        error: 'RuntimeError: asyncio.run() cannot be called from a running event loop',
        cause: 'the {pkg} helper calls asyncio.run inside a Jupyter cell, which already runs a loop',
        fix: 'await the coroutine directly in the notebook instead of wrapping it',
        code: 'result = await fetch_{mod}()  # in a notebook cell\n# in a script: asyncio.run(fetch_{mod}())',
      },
    ],
  },
  {
    name: 'Kubernetes',
    tags: ['kubernetes', 'k8s'],
    lang: 'yaml',
    versions: ['1.25.16', '1.27.8', '1.28.4', '1.29.0'],
    problems: [
      {
        error: 'Back-off restarting failed container {mod} in pod {mod}-{port}-x7k2p',
        cause: 'the liveness probe starts before the JVM finished warming up, so the kubelet kills the pod',
        fix: 'add a startupProbe with a generous failureThreshold and keep the liveness probe strict',
        code: 'startupProbe:\n  httpGet: { path: /health/live, port: {port} }\n  failureThreshold: 30\n  periodSeconds: 5',
      },
      {
        error: 'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:{mod}:default" cannot list resource "pods"',
        cause: 'the controller runs with the default service account, which has no RBAC rules',
        fix: 'create a Role with list/watch on pods and bind it to a dedicated service account',
        code: 'kind: Role\nrules:\n  - apiGroups: [""]\n    resources: ["pods"]\n    verbs: ["get", "list", "watch"]',
      },
      {
        error: '0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available',
        cause: 'the {mod} deployment requests 4Gi per replica while the nodes have 3.5Gi allocatable',
        fix: 'lower the request to what the service really uses (measured with kubectl top) and set a limit',
        code: 'resources:\n  requests: { memory: "768Mi", cpu: "250m" }\n  limits: { memory: "1Gi" }',
      },
    ],
  },
  {
    name: 'React',
    tags: ['react', 'frontend'],
    lang: 'tsx',
    versions: ['17.0.2', '18.2.0', '18.3.1', '19.0.0'],
    problems: [
      {
        error: 'Warning: Maximum update depth exceeded. This can happen when a component calls setState inside useEffect',
        cause: 'the effect depends on an object literal that is recreated on every render',
        fix: 'memoize the object with useMemo or depend on its primitive fields',
        code: 'const filters = useMemo(() => ({ {mod}: query }), [query]);\nuseEffect(() => { load(filters); }, [filters]);',
      },
      {
        error: 'Error: Hydration failed because the initial UI does not match what was rendered on the server.',
        cause: 'the {mod} component renders Date.now() on the server and again in the browser',
        fix: 'render the time only after mount, in an effect, or pass it from the server as a prop',
        code: "const [now, setNow] = useState<string | null>(null);\nuseEffect(() => setNow(new Date().toLocaleTimeString()), []);",
      },
      {
        error: "Warning: Each child in a list should have a unique \"key\" prop. Check the render method of `{Type}List`.",
        cause: 'items are keyed by array index, and the list is reordered by the {mod} filter',
        fix: 'key every item by its stable id',
        code: '{items.map((item) => <{Type}Row key={item.id} item={item} />)}',
      },
    ],
  },
  {
    name: 'Git',
    tags: ['git', 'vcs'],
    lang: 'sh',
    versions: ['2.34.1', '2.39.2', '2.43.0', '2.45.1'],
    problems: [
      {
        error: "fatal: refusing to merge unrelated histories",
        cause: 'the repository was initialized with a README on the host and locally, so the two roots share no commit',
        fix: 'merge once with --allow-unrelated-histories, then push',
        code: 'git pull origin main --allow-unrelated-histories\ngit push -u origin main',
      },
      {
        error: "error: failed to push some refs to 'git@github.com:{pkg}/{mod}.git'\nhint: Updates were rejected because the tip of your current branch is behind",
        cause: 'someone pushed to the branch after the local rebase',
        fix: 'fetch and rebase again; use --force-with-lease, never a bare --force, if the branch was rewritten',
        code: 'git fetch origin\ngit rebase origin/{mod}\ngit push --force-with-lease',
      },
      {
        error: "grep: invalid option -- 'P'\nusage: grep [-abcdDEFGHhIiJLlMmnOopqRSsUVvwXxZz]",
        cause: 'the pre-commit hook uses grep -P, which the BSD grep on macOS does not support',
        fix: 'use grep -E with a POSIX pattern, or call ggrep from GNU grep when it is installed',
        code: "git diff --cached --name-only | grep -E '\\.(ts|tsx)$' | xargs npx eslint",
      },
    ],
  },
  {
    name: 'Webpack',
    tags: ['webpack', 'bundler'],
    lang: 'js',
    versions: ['4.47.0', '5.88.2', '5.91.0', '5.94.0'],
    problems: [
      {
        error: "Module not found: Error: Can't resolve 'crypto' in '/app/node_modules/{pkg}/lib'\nBREAKING CHANGE: webpack < 5 used to include polyfills for node.js core modules by default.",
        cause: 'webpack 5 no longer polyfills node core modules for the browser bundle',
        fix: 'add a fallback to crypto-browserify, or replace {pkg} with a browser-native alternative',
        code: "resolve: { fallback: { crypto: require.resolve('crypto-browserify'), stream: require.resolve('stream-browserify') } }",
      },
      {
        error: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
        cause: 'source maps for the {mod} bundle are generated with the slow full mode in production',
        fix: 'use a cheaper devtool and raise the heap only if still needed',
        code: "devtool: 'source-map' -> devtool: false\nNODE_OPTIONS=--max-old-space-size=4096 npx webpack --mode production",
      },
    ],
  },
  {
    name: 'Go',
    tags: ['go', 'golang'],
    lang: 'go',
    versions: ['1.20.12', '1.21.5', '1.22.0', '1.23.1'],
    problems: [
      {
        error: 'fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan send]:\nmain.main()\n\t/src/{mod}/main.go:{line}',
        cause: 'the unbuffered channel is written in main before any goroutine reads it',
        fix: 'start the consumer goroutine first, or give the channel a buffer sized to the work',
        code: 'results := make(chan {Type}, len(jobs))\nfor _, j := range jobs {\n\tgo func(j Job) { results <- run(j) }(j)\n}',
      },
      {
        error: 'go: module github.com/{pkg}/{mod}: git ls-remote -q origin in /root/go/pkg/mod/cache/vcs: exit status 128',
        cause: 'the module is private and GOPRIVATE is not set, so the proxy is asked and git has no credentials',
        fix: 'set GOPRIVATE for the organization and give git a token through a URL rewrite',
        code: 'go env -w GOPRIVATE=github.com/{pkg}/*\ngit config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/"',
      },
    ],
  },
  {
    name: 'Nginx',
    tags: ['nginx', 'proxy'],
    lang: 'nginx',
    versions: ['1.18.0', '1.22.1', '1.24.0', '1.25.3'],
    problems: [
      {
        error: '502 Bad Gateway\nupstream prematurely closed connection while reading response header from upstream, upstream: "http://127.0.0.1:{port}/{mod}"',
        cause: 'the Node upstream closes idle keep-alive sockets after 5 s while nginx reuses them for longer',
        fix: 'make the upstream keep-alive timeout longer than nginx keepalive_timeout',
        code: 'server.keepAliveTimeout = 65_000;\nserver.headersTimeout = 66_000;',
      },
      {
        error: '413 Request Entity Too Large',
        cause: 'client_max_body_size defaults to 1m and the {mod} upload sends larger files',
        fix: 'raise client_max_body_size in the location that handles uploads',
        code: 'location /{mod}/upload {\n  client_max_body_size 50m;\n  proxy_pass http://app;\n}',
      },
    ],
  },
  {
    name: 'Terraform',
    tags: ['terraform', 'iac'],
    lang: 'hcl',
    versions: ['1.3.9', '1.5.7', '1.6.6', '1.7.2'],
    problems: [
      {
        error: 'Error: Error acquiring the state lock\nLock Info:\n  ID: {uuid}\n  Path: {pkg}-tfstate/{mod}/terraform.tfstate',
        cause: 'a CI job was cancelled during apply and left the DynamoDB lock behind',
        fix: 'check that no apply is running, then release the lock with force-unlock and the lock id',
        code: 'terraform force-unlock {uuid}',
      },
      {
        error: 'Error: Cycle: module.{mod}.aws_security_group.app, module.{mod}.aws_security_group.db',
        cause: 'the two security groups reference each other inline in their ingress blocks',
        fix: 'declare the groups without rules and add the cross references as separate aws_security_group_rule resources',
        code: 'resource "aws_security_group_rule" "app_to_db" {\n  type = "ingress"\n  from_port = {port}\n  to_port = {port}\n  source_security_group_id = aws_security_group.app.id\n  security_group_id = aws_security_group.db.id\n}',
      },
    ],
  },
  {
    name: 'Redis',
    tags: ['redis', 'cache'],
    lang: 'ts',
    versions: ['6.2.14', '7.0.15', '7.2.4'],
    problems: [
      {
        error: 'ReplyError: MISCONF Redis is configured to save RDB snapshots, but it is currently not able to persist on disk.',
        cause: 'the volume for /data filled up, so background saves fail and writes are refused',
        fix: 'free or grow the volume, and cap memory with an eviction policy suited to a cache',
        code: 'maxmemory 512mb\nmaxmemory-policy allkeys-lru',
      },
      {
        error: 'Error: connect ETIMEDOUT {ip}:{port}\n    at TCPConnectWrap.afterConnect [as oncomplete]',
        cause: 'the managed Redis only accepts TLS, and the {pkg} client connects in plain text',
        fix: 'use a rediss:// URL so the client negotiates TLS',
        code: "const client = createClient({ url: 'rediss://{mod}.cache.internal:{port}' });",
      },
    ],
  },
  {
    name: 'Java',
    tags: ['java', 'gradle'],
    lang: 'java',
    versions: ['11.0.21', '17.0.9', '21.0.1'],
    problems: [
      {
        error: 'java.lang.OutOfMemoryError: Java heap space\n\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n\tat com.{pkg}.{mod}.ReportBuilder.build(ReportBuilder.java:{line})',
        cause: 'the report loads every row of the {mod} table into a list before writing it',
        fix: 'stream the rows with a fetch size and write them as they arrive',
        code: 'try (Stream<Row> rows = repository.streamAll()) {\n    rows.forEach(writer::write);\n}',
      },
      {
        error: 'Could not resolve all files for configuration \':app:compileClasspath\'.\n> Could not find com.{pkg}:{mod}-core:{major}.0.1.',
        cause: 'the artifact is only published to the company Nexus and the build lists only mavenCentral',
        fix: 'add the company repository to dependencyResolutionManagement with credentials from gradle.properties',
        code: 'repositories {\n    mavenCentral()\n    maven { url = uri("https://nexus.{pkg}.internal/repository/maven-releases") }\n}',
      },
    ],
  },
  {
    name: 'GitHub Actions',
    tags: ['github-actions', 'ci'],
    lang: 'yaml',
    versions: ['v3', 'v4'],
    problems: [
      {
        error: 'Error: Resource not accessible by integration\n  status: 403 url: https://api.github.com/repos/{pkg}/{mod}/issues/{line}/comments',
        cause: 'the workflow GITHUB_TOKEN defaults to read-only permissions in this organization',
        fix: 'grant the job the permissions it needs in the workflow',
        code: 'permissions:\n  contents: read\n  pull-requests: write\n  issues: write',
      },
      {
        error: 'Error: The operation was canceled.\nThe job running on runner GitHub Actions {line} has exceeded the maximum execution time of 360 minutes.',
        cause: 'the {mod} integration tests wait for a service container that never becomes healthy',
        fix: 'give the service a health check and a job timeout so a stuck job fails in minutes',
        code: 'timeout-minutes: 20\nservices:\n  db:\n    image: postgres:16\n    options: --health-cmd pg_isready --health-interval 5s',
      },
    ],
  },
  {
    name: 'Vite',
    tags: ['vite', 'frontend'],
    lang: 'ts',
    versions: ['4.5.2', '5.0.12', '5.2.8', '5.4.10'],
    problems: [
      {
        error: '[vite] Internal server error: Failed to resolve import "@/{mod}/{Type}" from "src/App.tsx". Does the file exist?',
        cause: 'the @ alias exists in tsconfig but vite has no resolve.alias for it',
        fix: 'declare the alias in vite.config.ts (or use vite-tsconfig-paths)',
        code: "import { fileURLToPath } from 'node:url';\nexport default defineConfig({ resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } } });",
      },
      {
        error: 'Access to fetch at \'http://localhost:{port}/api/{mod}\' from origin \'http://localhost:5173\' has been blocked by CORS policy',
        cause: 'the dev server calls the API on another port directly',
        fix: 'proxy /api through the vite dev server so the browser sees one origin',
        code: "server: { proxy: { '/api': { target: 'http://localhost:{port}', changeOrigin: true } } }",
      },
    ],
  },
  {
    name: 'Django',
    tags: ['django', 'python'],
    lang: 'python',
    versions: ['3.2.23', '4.2.9', '5.0.1'],
    problems: [
      {
        error: 'django.db.utils.ProgrammingError: relation "{mod}_{pkg}" does not exist\nLINE 1: SELECT "{mod}_{pkg}"."id" FROM "{mod}_{pkg}"',
        cause: 'the migration for the new model was created but never applied on the staging database',
        fix: 'run migrate as a release step before the new code starts',
        code: 'python manage.py showmigrations {mod}\npython manage.py migrate {mod}',
      },
      {
        error: 'Forbidden (403)\nCSRF verification failed. Request aborted.\nReason given for failure: Origin checking failed - https://{mod}.example.com does not match any trusted origins.',
        cause: 'Django 4 checks the Origin header and the site is served behind a proxy on another host name',
        fix: 'list the public origin in CSRF_TRUSTED_ORIGINS',
        code: "CSRF_TRUSTED_ORIGINS = ['https://{mod}.example.com']",
      },
    ],
  },
  {
    name: 'NestJS',
    tags: ['nestjs', 'node'],
    lang: 'ts',
    versions: ['9.4.3', '10.3.0', '11.0.5'],
    problems: [
      {
        error: "Nest can't resolve dependencies of the {Type}Service (?). Please make sure that the argument {Type}Repository at index [0] is available in the {Type}Module context.",
        cause: 'the repository is provided by a module that {Type}Module does not import',
        fix: 'import TypeOrmModule.forFeature with the entity in the module that uses the repository',
        code: '@Module({\n  imports: [TypeOrmModule.forFeature([{Type}Entity])],\n  providers: [{Type}Service],\n})\nexport class {Type}Module {}',
      },
      {
        error: 'Error: Nest could not find {Type}Controller element (this provider does not exist in the current context)',
        cause: 'app.get() asks for a controller, which is not a provider',
        fix: 'get the service the controller uses instead, or resolve it with strict: false',
        code: 'const service = app.get({Type}Service);',
      },
    ],
  },
  {
    name: 'AWS Lambda',
    tags: ['aws', 'lambda'],
    lang: 'ts',
    versions: ['nodejs18.x', 'nodejs20.x', 'python3.11'],
    problems: [
      {
        error: 'Task timed out after 3.00 seconds\nREPORT RequestId: {uuid} Duration: 3003.12 ms Billed Duration: 3000 ms',
        cause: 'the database client is created inside the handler, so every cold call opens a new TLS connection',
        fix: 'create the client outside the handler and raise the timeout to cover a cold start',
        code: "const pool = new Pool({ max: 1 });\nexport const handler = async (event) => {\n  const { rows } = await pool.query('SELECT 1');\n  return rows;\n};",
      },
      {
        error: 'Runtime.ImportModuleError: Error: Cannot find module \'{pkg}\'\nRequire stack:\n- /var/task/index.js',
        cause: 'the deployment zip was built from the source folder without node_modules',
        fix: 'bundle the handler with esbuild so dependencies are inside the artifact',
        code: 'npx esbuild src/{mod}.ts --bundle --platform=node --target=node20 --outfile=dist/index.js',
      },
    ],
  },
  {
    name: 'pytest',
    tags: ['pytest', 'python', 'testing'],
    lang: 'python',
    versions: ['7.4.4', '8.0.0', '8.2.1'],
    problems: [
      {
        error: "E   fixture '{mod}_client' not found\n>       available fixtures: cache, capfd, capsys, monkeypatch, tmp_path",
        cause: 'the fixture lives in a conftest.py of a sibling folder, outside the test file path',
        fix: 'move the fixture to the conftest.py at the tests root, or register it as a plugin',
        code: '# tests/conftest.py\nimport pytest\n\n@pytest.fixture\ndef {mod}_client():\n    return make_client()',
      },
      {
        error: 'PytestUnraisableExceptionWarning: Exception ignored in: <function {Type}.__del__ at 0x7f{port}>',
        cause: 'the {pkg} session is closed by the garbage collector after the event loop has shut down',
        fix: 'close the session explicitly in a fixture finalizer',
        code: '@pytest.fixture\nasync def session():\n    s = {Type}()\n    yield s\n    await s.close()',
      },
    ],
  },
  {
    name: 'Node.js',
    tags: ['node', 'javascript'],
    lang: 'js',
    versions: ['16.20.2', '18.19.0', '20.11.0', '22.3.0'],
    problems: [
      {
        error: "Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/{pkg}/index.js from /app/src/{mod}.js not supported.",
        cause: '{pkg} dropped CommonJS in its latest major and the service still uses require',
        fix: 'pin the previous major, or load it with import() from the CommonJS code',
        code: "const { default: {mod} } = await import('{pkg}');",
      },
      {
        error: 'Error: listen EADDRINUSE: address already in use :::{port}',
        cause: 'the previous dev server was left running by nodemon after a crash',
        fix: 'find and stop the process on the port, and make the server close on SIGTERM',
        code: "lsof -i :{port}\nprocess.on('SIGTERM', () => server.close(() => process.exit(0)));",
      },
      {
        error: 'UnhandledPromiseRejectionWarning: Error: self signed certificate in certificate chain',
        cause: 'the corporate proxy re-signs TLS with its own CA, which node does not trust',
        fix: 'give node the CA bundle with NODE_EXTRA_CA_CERTS instead of disabling verification',
        code: 'export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/{pkg}-root-ca.pem',
      },
    ],
  },
];

const WORDS = {
  pkg: ['acme', 'orbit', 'lumen', 'harbor', 'quill', 'vector', 'nimbus', 'cobalt', 'tandem', 'sable', 'ember', 'fjord', 'atlas', 'zephyr', 'basalt', 'kestrel'],
  mod: ['billing', 'auth', 'search', 'inventory', 'reports', 'orders', 'notifications', 'payments', 'catalog', 'scheduler', 'uploads', 'metrics', 'profiles', 'invoices', 'sessions', 'exports'],
  Type: ['Invoice', 'Order', 'Session', 'Report', 'Customer', 'Shipment', 'Ticket', 'Account', 'Payment', 'Upload'],
  env: ['BILLING_URL', 'AUTH_ISSUER', 'SEARCH_ENDPOINT', 'QUEUE_URL', 'CACHE_HOST', 'SMTP_RELAY'],
  os: ['Ubuntu 22.04', 'macOS 14.4 on an M2', 'Windows 11 with WSL2', 'Debian 12 in a devcontainer', 'Alpine 3.19 in CI', 'Fedora 40'],
  tried: [
    'Deleting node_modules and the lock file did not change anything.',
    'Restarting the machine and clearing the caches did not help.',
    'The same code works on a colleague machine, so it looked environmental at first.',
    'Searching the issue tracker found only old threads about a different version.',
    'Pinning the previous release made the error go away, which pointed at the upgrade.',
    'Running the command with verbose logging showed where it stopped.',
    'It only happens in CI; locally everything passes.',
    'The failure appeared right after merging the dependency update.',
  ],
  verify: [
    'After the change the build is green again and the error no longer appears.',
    'Verified by running the full test suite twice from a clean checkout.',
    'Deployed to staging and watched the logs for an hour: no recurrence.',
    'The fix also removed a warning that had been printed for weeks.',
    '',
  ],
};

/** A small deterministic generator (mulberry32), so the same seed gives the same trace. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedTrace {
  title: string;
  context_text: string;
  solution_text: string;
  tags: string[];
}

/** What one seed draws: the technology, its problem and the details that make it this project's. */
interface Draw {
  r: () => number;
  pick: <T>(xs: T[]) => T;
  tech: Technology;
  problem: Problem;
  version: string;
  slots: Record<string, string>;
  fill: (s: string) => string;
}

/**
 * Technologies by popularity for `variedTrace`: weight 1/(rank+1) in the order of TECHNOLOGIES
 * (Zipf), so the first tags are common and the last rare, as in a real corpus.
 */
const ZIPF = (() => {
  const weights = TECHNOLOGIES.map((_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  return weights.map((w) => (sum += w / total));
})();

function drawSlots(r: () => number, pick: <T>(xs: T[]) => T): Record<string, string> {
  return {
    pkg: pick(WORDS.pkg),
    mod: pick(WORDS.mod),
    Type: pick(WORDS.Type),
    env: pick(WORDS.env),
    major: String(14 + Math.floor(r() * 9)),
    port: String(3000 + Math.floor(r() * 6000)),
    line: String(10 + Math.floor(r() * 400)),
    workers: String(2 + Math.floor(r() * 14)),
    ip: `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${1 + Math.floor(r() * 250)}`,
    uuid: `${Math.floor(r() * 0xffffffff).toString(16).padStart(8, '0')}-4c1e-4b7a-9d3f-${Math.floor(r() * 0xffffffffffff).toString(16).padStart(12, '0')}`,
  };
}

function fillWith(slots: Record<string, string>): (s: string) => string {
  return (s) => s.replace(/\{(\w+)\}/g, (_, k: string) => slots[k] ?? k);
}

function draw(seed: number, skewed: boolean): Draw {
  const r = random(seed * 2654435761);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const u = r();
  const tech = skewed ? TECHNOLOGIES[Math.max(0, ZIPF.findIndex((c) => u < c))] : TECHNOLOGIES[Math.floor(u * TECHNOLOGIES.length)];
  const problem = pick(tech.problems);
  const version = pick(tech.versions);
  const slots = drawSlots(r, pick);
  return { r, pick, tech, problem, version, slots, fill: fillWith(slots) };
}

function compose(seed: number, d: Draw): GeneratedTrace {
  const { r, pick, tech, problem, version, slots, fill } = d;
  const error = fill(problem.error);
  const firstLine = error.split('\n')[0];
  const os = pick(WORDS.os);
  // The project's own release differs per seed, so two traces of the same problem are two projects' problems
  // (the duplicate check rightly keeps traces that name different versions apart).
  const release = `${1 + Math.floor(seed / 2000)}.${seed % 2000}.${seed % 7}`;
  const title = `${tech.name} ${version}: ${firstLine.length > 120 ? `${firstLine.slice(0, 117)}...` : firstLine}`.slice(0, 200);
  const context = [
    `Working on the ${slots['mod']} service of the ${slots['pkg']} project (release ${release}, ${tech.name} ${version}, ${os}).`,
    `The error:\n\n\`\`\`\n${error}\n\`\`\``,
    r() < 0.6 ? pick(WORDS.tried) : '',
    r() < 0.4 ? `It fails every time, with ${slots['workers']} workers as well as with one.` : '',
  ].filter(Boolean);
  const solution = [
    `Cause: ${fill(problem.cause)}.`,
    `Fix: ${fill(problem.fix)}.`,
    `\`\`\`${tech.lang}\n${fill(problem.code)}\n\`\`\``,
    pick(WORDS.verify),
  ].filter(Boolean);
  return {
    title,
    context_text: context.join('\n\n'),
    solution_text: solution.join('\n\n'),
    tags: [...tech.tags, slots['mod']].slice(0, 20),
  };
}

/** The trace of one seed: a technology, one of its problems, and the details that make it this project's. */
export function realisticTrace(seed: number): GeneratedTrace {
  return compose(seed, draw(seed, false));
}

/** Tags some traces carry beside their technology's, most often the first ones. */
const EXTRA_TAGS = ['ci', 'monorepo', 'windows', 'macos', 'performance', 'security', 'migration', 'upgrade', 'arm64', 'wsl'];

/** Stack frames, log lines and lengths for `variedTrace`. */
function frames(r: () => number, slots: Record<string, string>, n: number): string {
  const files = ['handler', 'service', 'client', 'index', 'worker', 'router', 'repository', 'config'];
  return Array.from({ length: n }, (_, i) => {
    const file = files[Math.floor(r() * files.length)];
    return `    at ${slots['Type']}${file[0].toUpperCase()}${file.slice(1)}.${['run', 'handle', 'load', 'connect', 'resolve'][i % 5]} (/srv/${slots['mod']}/src/${file}.ts:${10 + Math.floor(r() * 500)}:${1 + Math.floor(r() * 60)})`;
  }).join('\n');
}

function logLines(r: () => number, slots: Record<string, string>, n: number): string {
  const levels = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN'];
  const events = ['request received', 'cache miss', 'connecting to upstream', 'retrying', 'job scheduled', 'config loaded', 'health check ok'];
  return Array.from({ length: n }, (_, i) => {
    const level = levels[Math.floor(r() * levels.length)];
    return `2026-11-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:0${i % 10}Z ${level} ${slots['mod']}: ${events[Math.floor(r() * events.length)]} id=${Math.floor(r() * 1e6)}`;
  }).join('\n');
}

/**
 * A trace for the search benchmark, built on `realisticTrace`'s templates with the variety of a
 * real corpus: technologies (and so tags) drawn with a Zipf skew, a tenth of the traces with an
 * extra tag, and lengths from a two-line note to a long report with a stack trace and a log
 * excerpt. `realisticTrace` itself is unchanged, so the ingest benchmark and the search
 * evaluation's distractors stay comparable with their earlier figures.
 */
export function variedTrace(seed: number): GeneratedTrace {
  const d = draw(seed, true);
  const base = compose(seed, d);
  const r = random(seed * 40503 + 7919);
  const shape = r();
  const tags = r() < 0.1 ? [...base.tags, EXTRA_TAGS[Math.floor(EXTRA_TAGS.length * r() * r())]] : base.tags;
  if (shape < 0.15) {
    // A short note: the error and the fix, nothing else.
    const [intro, error] = base.context_text.split('\n\n');
    return { ...base, tags, context_text: `${intro}\n\n${error}`, solution_text: base.solution_text.split('\n\n').slice(0, 2).join('\n\n') };
  }
  if (shape < 0.55) return { ...base, tags };
  const extra: string[] = [];
  if (shape < 0.85) extra.push(`Stack trace:\n\n\`\`\`\n${frames(r, d.slots, 3 + Math.floor(r() * 10))}\n\`\`\``);
  if (shape >= 0.7) extra.push(`Log before the failure:\n\n\`\`\`\n${logLines(r, d.slots, 5 + Math.floor(r() * 40))}\n\`\`\``);
  return { ...base, tags, context_text: [base.context_text, ...extra].join('\n\n') };
}

export type AgentQueryKind = 'pasted-error' | 'symptom' | 'identifier' | 'goal';

export interface AgentQuery {
  kind: AgentQueryKind;
  q: string;
  /** The trace's first tag, for the filtered variant of the query. */
  tag: string;
}

/** Identifiers in a code block: camelCase, snake_case, SCREAMING_CASE, dotted names, --flags. */
function identifiers(code: string): string[] {
  return [...new Set(code.match(/--[a-z][\w-]+|[A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)+|[a-z]+[A-Z]\w*|[A-Za-z]+_[A-Za-z_]+/g) ?? [])];
}

/**
 * A query an agent would send about the problem of `variedTrace(seed)`, never its title: the
 * error pasted from its own run (other project, port, paths), a symptom in its words, an
 * identifier from the code with the tool's name, or the goal.
 */
export function agentQuery(seed: number): AgentQuery {
  const d = draw(seed, true);
  const r = random(seed * 69069 + 1013904223);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  // The agent's own project: other names and numbers in the same templates.
  const fill = fillWith(drawSlots(r, pick));
  const tag = d.tech.tags[0];
  const kind = pick<AgentQueryKind>(['pasted-error', 'pasted-error', 'symptom', 'identifier', 'goal']);
  const words = (s: string) => s.split(/\s+/).filter(Boolean);
  const some = (ws: string[], keep: number) => ws.filter(() => r() < keep).join(' ');
  switch (kind) {
    case 'pasted-error': {
      const lines = fill(d.problem.error).split('\n');
      return { kind, tag, q: lines.slice(0, 1 + Math.floor(r() * lines.length)).join('\n') };
    }
    case 'symptom':
      return { kind, tag, q: `${d.tech.name.toLowerCase()} ${some(words(fill(d.problem.cause)), 0.7)} ${pick(['', 'since the upgrade', 'only in CI', 'after deploy', 'on my machine'])}`.trim() };
    case 'identifier': {
      const ids = identifiers(fill(d.problem.code));
      const error = words(fill(d.problem.error).split('\n')[0]).slice(0, 4).join(' ');
      return { kind, tag, q: ids.length ? `${pick(ids)} ${d.tech.name} ${error}` : `${d.tech.name} ${error}` };
    }
    case 'goal':
      return { kind, tag, q: `how to ${some(words(fill(d.problem.fix)), 0.8)} with ${d.tech.name}` };
  }
}
