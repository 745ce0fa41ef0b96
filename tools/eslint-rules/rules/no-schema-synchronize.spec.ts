import { RuleTester } from 'eslint';
import * as tsParser from '@typescript-eslint/parser';
import plugin from '../index.js';
import rule from './no-schema-synchronize.cjs';

const ruleTester = new RuleTester({
  languageOptions: { parser: tsParser, parserOptions: { ecmaVersion: 2022, sourceType: 'module' } },
});

const synchronize = [{ messageId: 'synchronize' as const }];

describe('commontrace/no-schema-synchronize', () => {
  it('is exported by the plugin', () => {
    expect(plugin.rules?.['no-schema-synchronize']).toBe(rule);
  });

  ruleTester.run('no-schema-synchronize', rule, {
    valid: [
      // The real shapes (libs/persistence): data source options and indexes created by migrations.
      `const common = {
  type: 'postgres' as const,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  synchronize: false,
  migrationsRun: false,
  logging: false,
};`,
      `@Entity('traces')
@Index('traces_tags_idx', { synchronize: false })
export class TraceEntity {}`,
      // Other keys may be true.
      'const options = { migrationsRun: true, logging: true };',
      // Not the literal true: not this rule's business.
      'const options = { synchronize: process.env.SYNC === "1" };',
      'const options = { synchronize };',
      // Destructuring a synchronize flag is not setting it.
      'const { synchronize = true } = options;',
      // A computed key that is not the plain string.
      'const options = { [`synchronize${suffix}`]: true };',
      'const options = { [synchronize]: true };',
      // An accessor returns a value at run time: not a literal option.
      'const options = { get synchronize() { return true; } };',
    ],
    invalid: [
      {
        code: `new DataSource({
  type: 'postgres',
  entities: ENTITIES,
  synchronize: true,
});`,
        errors: [{ messageId: 'synchronize', line: 4, column: 3 }],
      },
      // TypeOrmModule.forRoot and friends.
      { code: "TypeOrmModule.forRoot({ type: 'postgres', synchronize: true });", errors: synchronize },
      // String keys.
      { code: "const options = { 'synchronize': true };", errors: synchronize },
      { code: 'const options = { "synchronize": true };', errors: synchronize },
      { code: "const options = { ['synchronize']: true };", errors: synchronize },
      { code: 'const options = { [`synchronize`]: true };', errors: synchronize },
      { code: 'const options = { synchronize: true as const };', errors: synchronize },
      // Nested, and in decorator options.
      { code: 'export const config = { db: { primary: { synchronize: true } } };', errors: synchronize },
      { code: "@Index('traces_tags_idx', { synchronize: true })\nexport class TraceEntity {}", errors: synchronize },
      // Each occurrence.
      {
        code: 'const a = { synchronize: true };\nconst b = { synchronize: true };',
        errors: [
          { messageId: 'synchronize', line: 1 },
          { messageId: 'synchronize', line: 2 },
        ],
      },
      {
        code: 'const a = { synchronize: true };',
        errors: [{ message: 'Never synchronize the schema: write a migration in libs/persistence.' }],
      },
    ],
  });
});
