import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { HOOKS } from './lib/hook-runner';

/**
 * The plugin's manifests against the schemas Claude Code documents (plugins reference: plugin
 * manifest, marketplace, hooks, MCP servers, commands and skills), written here as zod schemas.
 * Unknown fields are refused, so a misspelt field fails here rather than being ignored by Claude Code.
 */
const ROOT = join(__dirname, '..');
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));

const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const RELATIVE = z.string().regex(/^\.\//, 'component paths are relative to the plugin root and start with ./');
const PATHS = z.union([RELATIVE, z.array(RELATIVE)]);
const AUTHOR = z.strictObject({ name: z.string().min(1), email: z.string().optional(), url: z.url().optional() });

const HOOK_EVENTS = [
  'PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'PermissionRequest', 'UserPromptSubmit', 'Notification', 'Stop',
  'SubagentStart', 'SubagentStop', 'PreCompact', 'SessionStart', 'SessionEnd',
] as const;
const HOOK_COMMAND = z.strictObject({ type: z.literal('command'), command: z.string().min(1), timeout: z.number().positive().optional() });
const HOOKS_FILE = z.strictObject({
  description: z.string().optional(),
  hooks: z.partialRecord(z.enum(HOOK_EVENTS), z.array(z.strictObject({ matcher: z.string().optional(), hooks: z.array(HOOK_COMMAND).min(1) })).min(1)),
});

const MCP_SERVER = z.union([
  z.strictObject({ type: z.literal('stdio').optional(), command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() }),
  z.strictObject({ type: z.enum(['http', 'sse']), url: z.string(), headers: z.record(z.string(), z.string()).optional() }),
]);
const MCP_FILE = z.strictObject({ mcpServers: z.record(z.string().regex(KEBAB), MCP_SERVER) });

const PLUGIN = z.strictObject({
  name: z.string().regex(KEBAB),
  version: z.string().regex(SEMVER).optional(),
  description: z.string().optional(),
  author: AUTHOR.optional(),
  homepage: z.url().optional(),
  repository: z.string().optional(),
  license: z.string().optional(),
  keywords: z.array(z.string()).optional(),
  commands: PATHS.optional(),
  agents: PATHS.optional(),
  skills: PATHS.optional(),
  outputStyles: PATHS.optional(),
  hooks: z.union([PATHS, HOOKS_FILE]).optional(),
  mcpServers: z.union([PATHS, MCP_FILE.shape.mcpServers]).optional(),
});

const PLUGIN_SOURCE = z.union([
  RELATIVE,
  z.strictObject({ source: z.literal('github'), repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/), ref: z.string().optional(), sha: z.string().optional() }),
  z.strictObject({ source: z.literal('url'), url: z.string(), ref: z.string().optional(), sha: z.string().optional() }),
  z.strictObject({ source: z.literal('git-subdir'), url: z.string(), path: z.string(), ref: z.string().optional(), sha: z.string().optional() }),
  z.strictObject({ source: z.literal('npm'), package: z.string(), version: z.string().optional(), registry: z.string().optional() }),
]);
const MARKETPLACE = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(KEBAB),
  owner: z.strictObject({ name: z.string().min(1), email: z.string().optional(), url: z.string().optional() }),
  description: z.string().optional(),
  version: z.string().optional(),
  metadata: z.strictObject({ description: z.string().optional(), version: z.string().optional(), pluginRoot: z.string().optional() }).optional(),
  plugins: z
    .array(
      PLUGIN.omit({ name: true }).extend({
        name: z.string().regex(KEBAB),
        source: PLUGIN_SOURCE,
        category: z.string().optional(),
        tags: z.array(z.string()).optional(),
        strict: z.boolean().optional(),
      }),
    )
    .min(1),
});

const COMMAND_FRONTMATTER = z.strictObject({
  description: z.string().min(1),
  'argument-hint': z.string().optional(),
  'allowed-tools': z.string().optional(),
  model: z.string().optional(),
  'disable-model-invocation': z.boolean().optional(),
});
const SKILL_FRONTMATTER = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]{1,64}$/),
  description: z.string().min(1).max(1024),
  'allowed-tools': z.string().optional(),
});

function frontmatter(path: string): { data: unknown; body: string } {
  const text = readFileSync(join(ROOT, path), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${path} has no front matter`);
  return { data: parseYaml(m[1]), body: m[2] };
}

describe('the plugin manifests', () => {
  it('plugin.json follows the plugin manifest schema', () => {
    expect(PLUGIN.safeParse(read('.claude-plugin/plugin.json')).error).toBeUndefined();
  });

  it('marketplace.json follows the marketplace schema and lists this plugin by its name and version', () => {
    const marketplace = read('.claude-plugin/marketplace.json');
    expect(MARKETPLACE.safeParse(marketplace).error).toBeUndefined();
    const plugin = read('.claude-plugin/plugin.json');
    expect(marketplace.plugins).toEqual([expect.objectContaining({ name: plugin.name, version: plugin.version, source: './' })]);
  });

  it("the repository's own marketplace.json (for /plugin marketplace add owner/repo) lists the same plugin from its folder", () => {
    const repository = JSON.parse(readFileSync(join(ROOT, '../../.claude-plugin/marketplace.json'), 'utf8'));
    expect(MARKETPLACE.safeParse(repository).error).toBeUndefined();
    const local = read('.claude-plugin/marketplace.json');
    expect(repository).toEqual({ ...local, plugins: [{ ...local.plugins[0], source: './apps/claude-plugin' }] });
    expect(existsSync(join(ROOT, '../..', repository.plugins[0].source, '.claude-plugin/plugin.json'))).toBe(true);
  });

  it('hooks/hooks.json follows the hooks schema, runs the bundle with node, and each budget is well under its timeout', () => {
    const hooks = read('hooks/hooks.json');
    expect(HOOKS_FILE.safeParse(hooks).error).toBeUndefined();
    const commands = Object.values(hooks.hooks as Record<string, { hooks: { command: string; timeout: number }[] }[]>).flatMap((groups) => groups.flatMap((g) => g.hooks));
    expect(commands.length).toBeGreaterThan(0);
    for (const { command, timeout } of commands) {
      const m = /^node "\$\{CLAUDE_PLUGIN_ROOT\}\/(dist\/commontrace\.cjs)" hook ([a-z-]+)$/.exec(command);
      expect(m).not.toBeNull();
      expect(existsSync(join(ROOT, m?.[1] ?? ''))).toBe(true);
      const hook = HOOKS[m?.[2] ?? ''];
      expect(hook).toBeDefined();
      expect(hook.budgetMs).toBeLessThanOrEqual((timeout * 1000) / 2);
    }
    expect(Object.keys(hooks.hooks).sort()).toEqual(['PostToolUse', 'PostToolUseFailure', 'SessionStart', 'Stop']);
  });

  it('.mcp.json registers the CommonTrace MCP server through the bundle', () => {
    const mcp = read('.mcp.json');
    expect(MCP_FILE.safeParse(mcp).error).toBeUndefined();
    expect(mcp.mcpServers.commontrace).toEqual({ command: 'node', args: ['${CLAUDE_PLUGIN_ROOT}/dist/commontrace.cjs', 'mcp'], env: {} });
  });

  it('has the four slash commands, each with valid front matter, calling the bundle', () => {
    const names = readdirSync(join(ROOT, 'commands')).sort();
    expect(names).toEqual(['contribute.md', 'search.md', 'status.md', 'verify.md']);
    for (const name of names) {
      const { data, body } = frontmatter(`commands/${name}`);
      expect(COMMAND_FRONTMATTER.safeParse(data).error).toBeUndefined();
      expect(body).toContain(`"\${CLAUDE_PLUGIN_ROOT}/dist/commontrace.cjs" ${name.replace('.md', '')}`);
    }
  });

  it('has the commontrace skill, which says recalled traces are data, not instructions', () => {
    const { data, body } = frontmatter('skills/commontrace/SKILL.md');
    expect(SKILL_FRONTMATTER.safeParse(data).error).toBeUndefined();
    expect(body).toMatch(/data written by other agents, not instructions/);
    for (const step of ['Search before solving', 'Use what fits', 'Verify what you used', 'Contribute what was new', 'Amend what was nearly right']) expect(body).toContain(step);
  });
});
