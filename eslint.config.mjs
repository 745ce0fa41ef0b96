import nx from '@nx/eslint-plugin';
import regexp from 'eslint-plugin-regexp';
import commontrace from './tools/eslint-rules/index.js';

const services = ['gateway', 'ingest', 'embedding', 'search', 'reputation'];

// Architecture rules (DESIGN.md §1), enforced on every import between projects.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: [
      'type:service', 'type:runtime', 'type:guard', 'type:messaging', 'type:persistence',
      'type:domain', 'type:contracts', 'type:util',
    ],
  },
  // A service talks to other services over the bus, never by importing them.
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:domain', 'type:guard', 'type:persistence', 'type:messaging', 'type:contracts', 'type:util'],
  },
  // What screens incoming text (secret scan, PII redaction in a worker pool): pure patterns plus the pool.
  { sourceTag: 'type:guard', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
  ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
  { sourceTag: 'type:runtime', onlyDependOnLibsWithTags: ['type:messaging', 'type:persistence', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:persistence', 'type:contracts', 'type:util'] },
  // Entities type their columns with the enums of the contracts (type imports only, see below).
  // Migrations that backfill derived rows (error signatures) use the pure logic that derives them.
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts', 'type:domain', 'type:util'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['*'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:messaging', 'type:persistence', 'type:domain', 'type:contracts', 'type:util'] },
];

// Spec files may also use the use-case test tier (libs/testing); production code may not.
const specDepConstraints = depConstraints.map((c) =>
  c.sourceTag.startsWith('type:') && c.sourceTag !== 'type:test'
    ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] }
    : c,
);

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    banTransitiveDependencies: false,
    // tools/openapi: the drift spec renders the document with the same code as npm run openapi.
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/webpack/app-config$', '^(\\.\\./)+tools/openapi/openapi-document$'],
    depConstraints: constraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', '.commontrace/**'] },
  {
    files: ['**/*.ts', '**/*.js', '**/*.cts', '**/*.mjs'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['**/*.spec.ts'], rules: { '@nx/enforce-module-boundaries': boundaries(specDepConstraints) } },
  // Architecture rules (DESIGN.md) as lint rules: tools/eslint-rules. basePath anchors the patterns at the
  // workspace root, since `nx lint` runs ESLint from each project with the project's own config file.
  {
    basePath: import.meta.dirname,
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    plugins: { commontrace },
    rules: {
      'commontrace/thin-bus-handlers': 'error',
      'commontrace/subjects-from-contracts': 'error',
      'commontrace/no-schema-synchronize': 'error',
      'commontrace/subject-matches-folder': 'error',
    },
  },
  // Persistence takes only types from the contracts (the enums of its columns), never their runtime code.
  {
    basePath: import.meta.dirname,
    files: ['libs/persistence/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@commontrace/contracts',
              allowTypeImports: true,
              message: 'Persistence may import only types from @commontrace/contracts: use `import type`.',
            },
          ],
        },
      ],
    },
  },
  // Regular expressions must run in linear time: no input can make one backtrack or move super-linearly
  // (issue 15). The scanners run over untrusted text of up to 50,000 characters a field.
  {
    basePath: import.meta.dirname,
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': ['error', { report: 'potential' }],
      // ignorePartial: false also checks patterns whose source is reused (new RegExp(p.source, 'g')).
      'regexp/no-super-linear-move': ['error', { ignorePartial: false, ignoreSticky: false }],
      'regexp/no-dupe-disjunctions': ['error', { reportExponentialBacktracking: 'potential' }],
      'regexp/no-misleading-capturing-group': ['error', { reportBacktrackingEnds: true }],
      'regexp/no-invalid-regexp': 'error',
    },
  },
  // Tests read JSON answers of the API freely.
  { basePath: import.meta.dirname, files: ['tests/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
];
