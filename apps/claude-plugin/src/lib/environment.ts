import type { EnvironmentFacts } from '@commontrace/domain-reputation';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isSensitivePath } from './redact';

/** The environment of a verification or a search context, as the server reads it (libs/domain/reputation). */
export type Environment = EnvironmentFacts;

/** Reads a project file, never an env file, a key or a credential store, and never a huge one. */
export type ReadFile = (name: string) => string | null;

const MAX_FILE_BYTES = 4_000_000;

export function projectReader(dir: string): ReadFile {
  return (name) => {
    if (isSensitivePath(name)) return null;
    const path = join(dir, name);
    try {
      if (!existsSync(path) || statSync(path).size > MAX_FILE_BYTES) return null;
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  };
}

/** Packages that name a framework, most specific first, by ecosystem. */
const FRAMEWORKS: [string, string][] = [
  ['next', 'nextjs'], ['nuxt', 'nuxt'], ['@remix-run/react', 'remix'], ['@sveltejs/kit', 'sveltekit'], ['astro', 'astro'],
  ['@nestjs/core', 'nestjs'], ['@angular/core', 'angular'], ['vue', 'vue'], ['svelte', 'svelte'], ['react', 'react'],
  ['fastify', 'fastify'], ['express', 'express'], ['electron', 'electron'],
  ['django', 'django'], ['fastapi', 'fastapi'], ['flask', 'flask'],
  ['github.com/gin-gonic/gin', 'gin'], ['github.com/labstack/echo/v4', 'echo'], ['github.com/gofiber/fiber/v2', 'fiber'],
  ['actix-web', 'actix-web'], ['axum', 'axum'], ['rocket', 'rocket'], ['tauri', 'tauri'],
  ['spring-boot-starter', 'spring-boot'], ['org.springframework.boot', 'spring-boot'], ['quarkus-core', 'quarkus'],
];
const MAX_PACKAGES = 40;

function cleanVersion(v: string): string {
  return v.trim().replace(/^[\^~=<>v ]{1,5}/, '').slice(0, 100);
}

/** Versions that point at a local or private source: such a package is the user's own, and its name stays here. */
const LOCAL_SOURCE = /^(?:workspace:|file:|link:|portal:|git\+|git:|github:|https?:|ssh:|\.{0,2}\/)/;

function take(into: Record<string, string>, name: string, version: string) {
  if (Object.keys(into).length >= MAX_PACKAGES || !name || name.length > 100 || LOCAL_SOURCE.test(version.trim())) return;
  const v = cleanVersion(version);
  if (v && !(name in into)) into[name] = v;
}

function node(read: ReadFile, env: Environment, packages: Record<string, string>, tools: Record<string, string>) {
  const raw = read('package.json');
  if (raw === null) return;
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(raw);
  } catch {
    return;
  }
  const deps = { ...(pkg['devDependencies'] as object), ...(pkg['dependencies'] as object) } as Record<string, string>;
  // Resolved versions from the lockfile when there is one: what is installed, not the range.
  const locked: Record<string, string> = {};
  const lock = read('package-lock.json');
  if (lock !== null) {
    tools['npm'] = 'lockfile';
    try {
      const parsed = JSON.parse(lock) as { packages?: Record<string, { version?: string }> };
      for (const name of Object.keys(deps)) {
        const v = parsed.packages?.[`node_modules/${name}`]?.version;
        if (v) locked[name] = v;
      }
    } catch {
      /* a broken lockfile: keep the ranges */
    }
  }
  const pnpm = read('pnpm-lock.yaml');
  if (pnpm !== null) tools['pnpm'] = 'lockfile';
  if (read('yarn.lock') !== null) tools['yarn'] = 'lockfile';
  if (existsBun(read)) tools['bun'] = 'lockfile';
  // Frameworks first, then runtime dependencies, then the tools of development.
  const runtime = Object.keys((pkg['dependencies'] as object) ?? {});
  const order = (n: string) => rank(n) * 2 + (runtime.includes(n) ? 0 : 1);
  const names = Object.keys(deps).sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const name of names) take(packages, name, locked[name] ?? String(deps[name]));
  env.language = 'typescript' in deps || read('tsconfig.json') !== null ? 'typescript' : 'javascript';
  const engines = pkg['engines'] as Record<string, string> | undefined;
  if (engines?.['node']) tools['node'] = cleanVersion(engines['node']);
}

function existsBun(read: ReadFile): boolean {
  return read('bun.lock') !== null || read('bun.lockb') !== null;
}

/** Framework packages first, so the few kept are the telling ones. */
function rank(name: string): number {
  const i = FRAMEWORKS.findIndex(([pkg]) => pkg === name);
  return i < 0 ? FRAMEWORKS.length : i;
}

function python(read: ReadFile, env: Environment, packages: Record<string, string>, versions: Record<string, string>) {
  const pyproject = read('pyproject.toml');
  const requirements = read('requirements.txt');
  if (pyproject === null && requirements === null) return;
  env.language ??= 'python';
  const requirement = /^\s{0,8}["']?([A-Za-z0-9][\w.-]{0,99})(?:\[[\w,.-]{0,100}\])?\s{0,4}(?:(==|>=|~=|<=|>|<|\^|=)\s{0,4}["']?([\w.*+-]{1,50}))?/;
  if (requirements !== null) {
    for (const line of requirements.split('\n').slice(0, 500)) {
      if (/^\s*(?:#|-)/.test(line)) continue;
      const m = requirement.exec(line);
      if (m) take(packages, m[1].toLowerCase(), m[3] ?? '*');
    }
  }
  if (pyproject !== null) {
    const py = /requires-python\s{0,4}=\s{0,4}["']([^"']{1,50})["']/.exec(pyproject) ?? /^python\s{0,4}=\s{0,4}["']([^"']{1,50})["']/m.exec(pyproject);
    if (py) versions['python'] = cleanVersion(py[1]);
    // PEP 621 dependency strings and Poetry tables.
    for (const m of pyproject.matchAll(/^\s{0,8}"([A-Za-z0-9][\w.-]{0,99})(?:\[[\w,.-]{0,100}\])?\s{0,4}(?:[=><~^!]{1,2}\s{0,4}([\w.*+-]{1,50}))?[^"\n]{0,200}",?\s*$/gm)) {
      take(packages, m[1].toLowerCase(), m[2] ?? '*');
    }
    const poetry = /\[tool\.poetry\.dependencies\]([^[]{0,20000})/.exec(pyproject);
    for (const m of (poetry?.[1] ?? '').matchAll(/^([A-Za-z0-9][\w.-]{0,99})\s{0,4}=\s{0,4}["'{]\s{0,4}(?:version\s{0,4}=\s{0,4}["'])?([^"'\n,}]{1,50})/gm)) {
      if (m[1] !== 'python') take(packages, m[1].toLowerCase(), m[2]);
    }
  }
}

function go(read: ReadFile, env: Environment, packages: Record<string, string>, versions: Record<string, string>) {
  const mod = read('go.mod');
  if (mod === null) return;
  env.language ??= 'go';
  const v = /^go\s{1,4}([\d.]{1,20})/m.exec(mod);
  if (v) versions['go'] = v[1];
  for (const m of mod.matchAll(/^\s{0,8}(?:require\s{1,4})?([\w.-]{1,100}\/[\w./-]{1,150})\s{1,4}(v[\w.+-]{1,60})/gm)) take(packages, m[1], m[2]);
}

function rust(read: ReadFile, env: Environment, packages: Record<string, string>, versions: Record<string, string>) {
  const cargo = read('Cargo.toml');
  if (cargo === null) return;
  env.language ??= 'rust';
  const edition = /^edition\s{0,4}=\s{0,4}"(\d{4})"/m.exec(cargo);
  if (edition) versions['rust-edition'] = edition[1];
  const rv = /^rust-version\s{0,4}=\s{0,4}"([\d.]{1,20})"/m.exec(cargo);
  if (rv) versions['rust'] = rv[1];
  const deps = /\[(?:dev-)?dependencies\]([^[]{0,20000})/g;
  for (const section of cargo.matchAll(deps)) {
    for (const m of section[1].matchAll(/^([\w-]{1,100})\s{0,4}=\s{0,4}(?:"([^"\n]{1,50})"|\{[^}\n]{0,300}?version\s{0,4}=\s{0,4}"([^"\n]{1,50})")/gm)) {
      take(packages, m[1], m[2] ?? m[3]);
    }
  }
}

function jvm(read: ReadFile, env: Environment, packages: Record<string, string>, versions: Record<string, string>, tools: Record<string, string>) {
  const pom = read('pom.xml');
  const gradle = read('build.gradle.kts') ?? read('build.gradle');
  if (pom === null && gradle === null) return;
  env.language ??= read('build.gradle.kts') !== null || /kotlin/i.test(gradle ?? '') ? 'kotlin' : 'java';
  if (pom !== null) {
    tools['maven'] = 'pom';
    const java = /<(?:java\.version|maven\.compiler\.(?:source|release))>([\d.]{1,10})</.exec(pom);
    if (java) versions['java'] = java[1];
    const parent = /<parent>[\s\S]{0,500}?<artifactId>([\w.-]{1,100})<\/artifactId>[\s\S]{0,200}?<version>([\w.-]{1,50})<\/version>/.exec(pom);
    if (parent) take(packages, parent[1], parent[2]);
    for (const m of pom.matchAll(/<dependency>\s{0,50}<groupId>[\w.-]{1,100}<\/groupId>\s{0,50}<artifactId>([\w.-]{1,100})<\/artifactId>(?:\s{0,50}<version>([\w.${}-]{1,60})<\/version>)?/g)) {
      take(packages, m[1], m[2] && !m[2].startsWith('$') ? m[2] : '*');
    }
  }
  if (gradle !== null) {
    tools['gradle'] = 'build';
    const java = /(?:languageVersion\.set\(JavaLanguageVersion\.of\(|JavaVersion\.VERSION_|sourceCompatibility\s{0,4}=\s{0,4}['"]?)([\d_.]{1,10})/.exec(gradle);
    if (java) versions['java'] = java[1].replace(/_/g, '.');
    for (const m of gradle.matchAll(/id\s{0,4}\(?\s{0,4}["']([\w.-]{1,100})["']\s{0,4}\)?\s{1,4}version\s{1,4}["']([\w.-]{1,50})["']/g)) take(packages, m[1], m[2]);
    for (const m of gradle.matchAll(/(?:implementation|api|compileOnly|runtimeOnly|testImplementation)\s{0,4}\(?\s{0,4}["'][\w.-]{1,100}:([\w.-]{1,100}):([\w.-]{1,50})["']/g)) take(packages, m[1], m[2]);
  }
}

/**
 * The project's stack, from its manifests and lockfiles only: languages, the framework, package
 * versions (resolved from the lockfile when there is one), language and tool versions, and the
 * OS and Node runtime the hook runs on. Env files, keys and credential stores are never read.
 */
export function detectEnvironment(read: ReadFile, platform: string = process.platform, nodeVersion: string = process.versions.node): Environment {
  const env: Environment = {};
  const packages: Record<string, string> = {};
  const versions: Record<string, string> = {};
  const tools: Record<string, string> = {};
  node(read, env, packages, tools);
  python(read, env, packages, versions);
  go(read, env, packages, versions);
  rust(read, env, packages, versions);
  jvm(read, env, packages, versions, tools);
  const framework = FRAMEWORKS.find(([pkg]) => pkg in packages || Object.keys(packages).some((p) => p.startsWith(pkg)));
  if (framework) env.framework = framework[1];
  if (env.language === 'typescript' || env.language === 'javascript') env.runtime = `node ${nodeVersion}`;
  env.os = platform === 'darwin' ? 'macos' : platform === 'win32' ? 'windows' : platform;
  if (Object.keys(packages).length) env.packages = packages;
  if (Object.keys(versions).length) env.versions = versions;
  if (Object.keys(tools).length) env.tools = tools;
  return env;
}

/** A few words that describe the stack, for the session-start search: language, framework, main packages. */
export function stackWords(env: Environment, max = 6): string[] {
  const words = [env.language, env.framework, ...Object.keys(env.packages ?? {})].filter((w): w is string => !!w);
  return [...new Set(words)].slice(0, max);
}

/**
 * Whether a search result is about this stack: it carries one of the stack's words as a tag, or
 * its language or framework is the project's. Session-start context shows only those, so a
 * project gets no traces at all rather than unrelated ones.
 */
export function fitsStack(hit: { tags?: string[]; language?: string | null; framework?: string | null }, env: Environment): boolean {
  const words = new Set(stackWords(env, 50).map((w) => w.toLowerCase()));
  if (env.language && hit.language === env.language) return true;
  if (env.framework && hit.framework === env.framework) return true;
  return (hit.tags ?? []).some((t) => words.has(t.toLowerCase()));
}
