import { COMMANDS } from './lib/commands';
import { runHook } from './lib/hook-runner';

/**
 * The plugin's one entry point, bundled to dist/commontrace.cjs:
 *   hook <session-start|post-tool-use|stop>   (Claude Code runs these, see hooks/hooks.json)
 *   search | contribute | verify | status | config | mcp   (the slash commands and .mcp.json)
 */
async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  if (command === 'hook') return runHook(args[0] ?? '');
  const run = COMMANDS[command ?? ''];
  if (!run) {
    process.stdout.write(`Usage: commontrace <hook <name>|${Object.keys(COMMANDS).join('|')}> …\n`);
    process.exitCode = 2;
    return;
  }
  const out = await run(args);
  if (out) process.stdout.write(`${out}\n`);
}

void main(process.argv.slice(2));
