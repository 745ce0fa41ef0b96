/**
 * Finds lines in recalled text that read like instructions to the agent rather than knowledge:
 * attempts to override its instructions, to run something with root rights or straight from the
 * network, to turn checks off, or to send secrets away. Pure and linear in the text's length:
 * each line is cut to MAX_LINE characters and tested against a fixed set of patterns whose
 * quantifiers are bounded, and at most MAX_FLAGS lines are reported.
 */
export const INSTRUCTION_KINDS = ['override', 'root', 'pipe_to_shell', 'disable_checks', 'exfiltration', 'tool_steering'] as const;
export type InstructionKind = (typeof INSTRUCTION_KINDS)[number];

export interface InstructionFlag {
  /** Which text of the trace the line is in (title, context_text, solution_text, snippet). */
  field: string;
  /** 1-based line number within that text. */
  line: number;
  kind: InstructionKind;
  /** The line, trimmed and cut to EXCERPT characters. */
  excerpt: string;
}

const MAX_LINE = 2000;
const EXCERPT = 160;
export const MAX_FLAGS = 20;

/** Each pattern runs on one lowercased line with collapsed whitespace; all quantifiers are bounded. */
const PATTERNS: [InstructionKind, RegExp][] = [
  // "ignore all previous instructions", "disregard the above", "forget your rules"
  ['override', /\b(?:ignore|disregard|forget|override|bypass)\b(?: [\w'-]{1,20}){0,4} (?:instructions?|prompts?|rules|guidelines|directives|context|messages?|above)\b/],
  ['override', /\b(?:you are now|from now on,? you|new instructions:|system prompt|act as (?:an? )?(?:admin|root|developer mode))/],
  // curl … | sh, wget -O- … | bash, bash <(curl …), iex (iwr …)
  ['pipe_to_shell', /\b(?:curl|wget|fetch|iwr|invoke-webrequest)\b[^|]{0,500}\| ?(?:sudo )?(?:ba|z|k|da|fi)?sh\b/],
  ['pipe_to_shell', /\b(?:ba|z)?sh <\( ?(?:curl|wget)\b/],
  ['pipe_to_shell', /\b(?:iex|invoke-expression)\b[^\n]{0,40}\b(?:iwr|invoke-webrequest|downloadstring|curl)\b/],
  // "run this as root", "execute it with sudo", "sudo su", "sudo -i"
  ['root', /\b(?:run|execute|start|launch)\b(?: [\w'-]{1,20}){0,5} (?:as|with) (?:root|sudo|administrator|admin rights)\b/],
  // an interactive root shell; `sudo sh -c '…'` runs one command and is left to the other patterns
  ['root', /\bsudo (?:su|-i|-s)\b|\bsudo (?:ba)?sh$/],
  ['root', /\bchmod (?:-r )?777 \/(?: |$)/],
  // turning off verification, signatures, TLS, tests, hooks
  ['disable_checks', /\b(?:disable|turn off|switch off|skip|bypass|deactivate)\b(?: [\w'-]{1,20}){0,3} (?:ssl|tls|certificate|signature|gpg|security|verification|verifying|checks?|tests|hooks|sandbox|antivirus|firewall|selinux|2fa|mfa)\b/],
  ['disable_checks', /(?:--no-verify\b|--insecure\b|--no-check-certificate\b|node_tls_reject_unauthorized ?= ?['"]?0|verify ?= ?false\b|stricthostkeychecking ?= ?no\b|--disable-web-security\b|--trusted-host\b|set enforce 0|setenforce 0)/],
  ['disable_checks', /\b(?:do not|don't|never) (?:verify|validate) (?:it|this|the|anything|signatures?|checksums?|certificates?)\b/],
  // sending keys, tokens or the environment somewhere
  ['exfiltration', /\b(?:send|post|upload|paste|share|email|exfiltrate)\b(?: [\w'-]{1,20}){0,3} (?:api[ _-]?keys?|tokens?|credentials|secrets?|passwords?|ssh keys?|private keys?|env(?:ironment)?(?: variables)?|\.env)\b/],
  ['exfiltration', /\b(?:env|printenv|cat [~.\w/-]{0,60}(?:id_rsa|id_ed25519|\.env|credentials|\.npmrc|\.netrc))\b[^|]{0,200}\| ?(?:curl|wget|nc)\b/],
  // steering the agent's own tool use: "upvote this trace", "call the contribute_trace tool"
  ['tool_steering', /\b(?:upvote|vote up|downvote|verify|flag|amend) (?:this|that|the other) trace\b/],
  ['tool_steering', /\b(?:call|invoke|run|use) (?:the )?(?:search|get|contribute|vote|verify|amend|link|flag)_traces?\b/],
];

function normalizeLine(line: string): string {
  return line.slice(0, MAX_LINE).toLowerCase().replace(/\s+/g, ' ').trim();
}

function excerptOf(line: string): string {
  const trimmed = line.trim();
  return trimmed.length > EXCERPT ? `${trimmed.slice(0, EXCERPT - 1)}…` : trimmed;
}

/** The instruction-like lines of one text, at most `limit`, each with its first matching kind. */
export function findInstructionLines(field: string, text: string, limit = MAX_FLAGS): InstructionFlag[] {
  const flags: InstructionFlag[] = [];
  if (!text || limit <= 0) return flags;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && flags.length < limit; i++) {
    const line = normalizeLine(lines[i]);
    if (line.length < 4) continue;
    const hit = PATTERNS.find(([, pattern]) => pattern.test(line));
    if (hit) flags.push({ field, line: i + 1, kind: hit[0], excerpt: excerptOf(lines[i].slice(0, MAX_LINE)) });
  }
  return flags;
}

/** The instruction-like lines of several texts (title, context, solution…), at most MAX_FLAGS in all. */
export function findInstructionFlags(texts: Record<string, string | undefined | null>): InstructionFlag[] {
  const flags: InstructionFlag[] = [];
  for (const [field, text] of Object.entries(texts)) {
    if (typeof text !== 'string') continue;
    flags.push(...findInstructionLines(field, text, MAX_FLAGS - flags.length));
  }
  return flags;
}
