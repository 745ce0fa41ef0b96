import { errorCodes } from './error-codes';
import { errorLines } from './error-lines';
import { hasWords, messageTemplate, trimEndPunctuation } from './message-template';

/**
 * An error named in a text, normalized so that two reports of the same error are equal:
 * - `code`: an error code as written (`TS2307`, `E0502`, `ECONNREFUSED`, `ORA-00942`,
 *   `SQLSTATE-42P01`, `0x80070005`, `CS0246`…);
 * - `message`: the error's type and its message template, lowercased
 *   (`modulenotfounderror: no module named <str>`), see messageTemplate.
 * A message signature always holds `: `, a code never does, so the two kinds never collide.
 */
export interface ErrorSignature {
  kind: 'code' | 'message';
  signature: string;
}

/** How much of a text is read: a trace's title and context (50,000 characters) fit. */
export const SIGNATURE_INPUT_CHARS = 51_000;
/** How much of one line is read. */
export const SIGNATURE_LINE_CHARS = 2_000;
/** At most this many signatures per text. */
export const MAX_SIGNATURES = 20;
/** At most this many error statements are normalized per text, signatures or not: bounded work for any input. */
export const MAX_ERROR_STATEMENTS = 100;
/** Codes kept even when a text has many messages. */
const RESERVED_FOR_CODES = 8;
/** The longest signature; a longer template is cut at a space. */
export const MAX_SIGNATURE_LENGTH = 200;

/** A query's message matches a stored one that is its prefix, down to this many words of message. */
export const MIN_PREFIX_WORDS = 3;
/** At most this many lookup keys for one query. */
export const MAX_LOOKUP_KEYS = 64;

function cut(signature: string): string {
  if (signature.length <= MAX_SIGNATURE_LENGTH) return signature;
  const space = signature.lastIndexOf(' ', MAX_SIGNATURE_LENGTH);
  return signature.slice(0, space > 0 ? space : MAX_SIGNATURE_LENGTH);
}

function messageSignatures(text: string): string[] {
  const found = new Set<string>();
  const lines = text.split('\n');
  let statements = 0;
  for (let i = 0; i < lines.length && found.size < MAX_SIGNATURES && statements < MAX_ERROR_STATEMENTS; i++) {
    const line = lines[i].slice(0, SIGNATURE_LINE_CHARS);
    if (!line.includes(':') && !line.includes('(')) continue;
    for (const { type, message } of errorLines(line, lines[i + 1]?.slice(0, SIGNATURE_LINE_CHARS))) {
      statements += 1;
      const template = messageTemplate(message);
      if (hasWords(template)) found.add(cut(`${type}: ${template}`));
    }
  }
  return [...found];
}

/**
 * The distinct error signatures of a text (a trace's title and context at ingest, a search
 * query at search time): messages first, then codes, at most MAX_SIGNATURES, of which up to
 * RESERVED_FOR_CODES are kept for codes when there are that many.
 */
export function errorSignatures(text: string): ErrorSignature[] {
  const input = text.slice(0, SIGNATURE_INPUT_CHARS);
  const messages = messageSignatures(input);
  const codes = errorCodes(input);
  const keptCodes = codes.slice(0, Math.max(RESERVED_FOR_CODES, MAX_SIGNATURES - messages.length));
  const keptMessages = messages.slice(0, MAX_SIGNATURES - keptCodes.length);
  return [
    ...keptMessages.map((signature) => ({ kind: 'message' as const, signature })),
    ...keptCodes.map((signature) => ({ kind: 'code' as const, signature })),
  ];
}

/** One key a query looks up: a signature of the query (`whole`) or a shorter form of one of its messages. */
export interface SignatureLookup extends ErrorSignature {
  whole: boolean;
}

/**
 * What a query looks up: its signatures, and for each message signature its shorter forms cut
 * at a word (down to MIN_PREFIX_WORDS words of message), so that a query that pastes an error
 * and goes on with its own words (`… No module named 'x' after pip install`) still finds the
 * trace that holds the error alone. The stored signature is always matched whole; a match on a
 * shorter form is weaker evidence than one on the query's whole signature.
 */
export function signatureLookups(text: string): SignatureLookup[] {
  const keys = new Map<string, SignatureLookup>();
  const signatures = errorSignatures(text);
  const add = (s: SignatureLookup) => keys.size < MAX_LOOKUP_KEYS && !keys.has(s.signature) && keys.set(s.signature, s);
  for (const s of signatures) add({ ...s, whole: true });
  for (const s of signatures) {
    if (s.kind !== 'message') continue;
    const colon = s.signature.indexOf(': ');
    const type = s.signature.slice(0, colon);
    const words = s.signature.slice(colon + 2).split(' ');
    for (let n = words.length - 1; n >= MIN_PREFIX_WORDS; n--) {
      add({ kind: 'message', signature: `${type}: ${trimEndPunctuation(words.slice(0, n).join(' '))}`, whole: false });
    }
  }
  return [...keys.values()];
}

/** The text of a trace whose errors are indexed: its title and context (the solution says how it was fixed, not what failed). */
export function traceSignatureText(trace: { title: string; context_text: string }): string {
  return `${trace.title}\n${trace.context_text}`;
}
