/** Code-fence info strings and tags, mapped to the language names CommonTrace stores. */
const LANGUAGE_ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', typescript: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', javascript: 'javascript', node: 'javascript',
  py: 'python', python: 'python', python3: 'python',
  go: 'go', golang: 'go',
  rs: 'rust', rust: 'rust',
  java: 'java', kotlin: 'kotlin', kt: 'kotlin', scala: 'scala',
  cs: 'csharp', csharp: 'csharp', 'c#': 'csharp',
  rb: 'ruby', ruby: 'ruby', php: 'php', swift: 'swift',
  c: 'c', cpp: 'cpp', 'c++': 'cpp',
  sql: 'sql', postgresql: 'sql', psql: 'sql', mysql: 'sql',
  sh: 'shell', bash: 'shell', zsh: 'shell', shell: 'shell', console: 'shell', powershell: 'powershell', ps1: 'powershell',
  yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml',
  dockerfile: 'dockerfile',
  hcl: 'hcl', terraform: 'hcl', tf: 'hcl',
};

/** The names stored; a tag counts only when it is one of them. */
const LANGUAGES = new Set(Object.values(LANGUAGE_ALIASES));

/** Patterns that give a language away when no fence names it, most specific first. */
const CODE_PATTERNS: [string, RegExp][] = [
  ['rust', /\bfn\s+\w+\s*\(|\blet\s+mut\b|\buse\s+std::|\bimpl\b.*\bfor\b|cargo\s+(build|run|add)/],
  ['go', /^package\s+\w+\s*$|\bfunc\s+(\(\w+\s+\*?\w+\)\s*)?\w+\(|\bgo\s+(mod|get|build)\b/m],
  ['typescript', /\b(interface|type)\s+\w+\s*[={]|:\s*(string|number|boolean)\b|\bimport\s+type\b|tsconfig\.json|\btsc\b/],
  ['python', /^[ \t]*(from\s+[\w.]+\s+import|import\s+\w+\s*$|def\s+\w+\(.*\):)|\bpip\s+install\b|Traceback \(most recent call last\)/m],
  ['java', /\bpublic\s+(static\s+)?(class|void)\b|\bimport\s+java\.|\bmvn\b|pom\.xml|\bgradle\b/],
  ['javascript', /\brequire\(['"]|\bimport\b[^\n]{1,500}?\bfrom\s{0,10}['"]|module\.exports|\bnpm\s+(install|run)\b|package\.json/],
  ['sql', /\b(SELECT\b[^\n]{1,500}?\bFROM|CREATE\s+(TABLE|INDEX)|ALTER\s+TABLE|INSERT\s+INTO)\b/i],
  ['shell', /^[ \t]*\$\s+\w+|^[ \t]*(sudo|apt-get|kubectl|docker|git)\s+/m],
];

const FRAMEWORKS: [string, RegExp][] = [
  ['next.js', /\bnext(\.js|js)?\b.*\b(app router|pages|next\.config)|\bnext\.config\.|['"]next\/|\bnext\.js\b/i],
  ['react', /\breact(-dom)?\b/i],
  ['vue', /\bvue(\.js)?\b/i],
  ['angular', /@angular\/|\bangular\b/i],
  ['svelte', /\bsvelte(kit)?\b/i],
  ['nestjs', /@nestjs\/|\bnestjs\b/i],
  ['express', /\bexpress\(\)|['"]express['"]/],
  ['django', /\bdjango\b/i],
  ['fastapi', /\bfastapi\b/i],
  ['flask', /\bflask\b/i],
  ['spring-boot', /\bspring[- ]boot\b|@SpringBootApplication/i],
  ['rails', /\brails\b/i],
  ['laravel', /\blaravel\b/i],
  ['tokio', /\btokio\b/],
  ['gin', /\bgin-gonic\b|\bgin\.Context\b/],
  ['jest', /\bjest\b/i],
  ['vite', /\bvite\b/i],
];

export interface DetectedStack {
  language: string | null;
  framework: string | null;
}

/**
 * The language and framework of a trace when the contributor did not say: the languages of its
 * code fences (the most frequent wins), then its tags, then tell-tale code; the framework from
 * its tags, then from names in the text.
 */
export function detectStack(text: string, tags: string[] = []): DetectedStack {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^[ \t]*```[ \t]*([\w#+.-]+)/gm)) {
    const language = LANGUAGE_ALIASES[m[1].toLowerCase()];
    if (language) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const language =
    [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ??
    tags.find((t) => LANGUAGES.has(t)) ??
    CODE_PATTERNS.find(([, pattern]) => pattern.test(text))?.[0] ??
    null;

  const fromTags = FRAMEWORKS.find(([name]) => tags.includes(name))?.[0];
  const framework = fromTags ?? FRAMEWORKS.find(([, pattern]) => pattern.test(text))?.[0] ?? null;
  return { language, framework };
}
