/**
 * Error codes: identifiers that name one error wherever they appear, so they are matched as
 * they are written (uppercased; HRESULTs as `0x` and eight upper-case hex digits).
 *
 * Every pattern starts with a look-behind that refuses to start inside a run of the characters
 * it repeats, and every repetition is bounded, so each character of the text is tried by a
 * bounded number of attempts: the scan is linear in the length of the text.
 */

/** POSIX errno names as Node, libuv, Python and the C library print them. */
const ERRNO_NAMES = new Set(
  (
    'E2BIG EACCES EADDRINUSE EADDRNOTAVAIL EAFNOSUPPORT EAGAIN EAI_AGAIN EAI_FAIL EAI_NODATA EAI_NONAME EALREADY ' +
    'EBADF EBUSY ECANCELED ECHILD ECONNABORTED ECONNREFUSED ECONNRESET EDEADLK EDESTADDRREQ EDOM EDQUOT EEXIST ' +
    'EFAULT EFBIG EHOSTDOWN EHOSTUNREACH EILSEQ EINPROGRESS EINTR EINVAL EIO EISCONN EISDIR ELOOP EMFILE EMLINK ' +
    'EMSGSIZE ENAMETOOLONG ENETDOWN ENETRESET ENETUNREACH ENFILE ENOBUFS ENODEV ENOENT ENOEXEC ENOLCK ENOMEM ' +
    'ENOSPC ENOSYS ENOTCONN ENOTDIR ENOTEMPTY ENOTFOUND ENOTSOCK ENOTSUP ENOTTY ENXIO EOPNOTSUPP EOVERFLOW EPERM ' +
    'EPIPE EPROTO EPROTONOSUPPORT ERANGE EROFS ESHUTDOWN ESPIPE ESRCH ESTALE ETIMEDOUT ETXTBSY EWOULDBLOCK EXDEV'
  ).split(' '),
);

/** npm's own codes (`npm ERR! code ERESOLVE`), recognized anywhere since none is an English word. */
const NPM_CODES = new Set(
  (
    'EBADENGINE EBADPLATFORM ECONFLICT EINTEGRITY EJSONPARSE ELIFECYCLE ENEEDAUTH ENOAUDIT ENOLOCK ENOVERSIONS ' +
    'EOVERRIDE ERESOLVE ETARGET EUNSUPPORTEDPROTOCOL EUSAGE EOTP'
  ).split(' '),
);

/** Fatal signals, as a crashed process reports them. */
const SIGNALS = new Set(['SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGKILL', 'SIGTRAP']);

/** Container states that name a failure (Kubernetes, Docker). */
const CONTAINER_STATES = ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull', 'OOMKilled', 'CreateContainerConfigError', 'InvalidImageName'];

/**
 * Codes whose shape alone says what they are: TypeScript `TS2307` (also VS Code's `ts(2307)`),
 * rustc `E0502`, C# and .NET `CS0246` `MSB3073` `NU1101` `NETSDK1045`, Angular `NG0100`, Oracle
 * `ORA-00942` `PLS-00201` `TNS-12541`, Node `ERR_*`, MySQL driver `ER_*`, Azure AD `AADSTS50011`,
 * and errno, npm and signal names from the lists above (checked after the match).
 */
const SHAPED =
  /(?<![A-Za-z0-9_-])(TS\d{4,5}|E0\d{3}|CS\d{4}|MSB\d{4}|NU\d{4}|NETSDK\d{4}|NG0\d{3}|AADSTS\d{5,6}|(?:ORA|PLS|TNS)-\d{5}|ERR_[A-Z0-9_]{2,60}|ER_[A-Z0-9_]{2,60}|E[A-Z0-9_]{2,24}|SIG[A-Z]{3,4})(?![A-Za-z0-9_])/g;

/** VS Code's way of naming a TypeScript diagnostic: `… declarations. ts(2307)`. */
const TS_PAREN = /(?<![A-Za-z0-9_])ts\((\d{4,5})\)/g;

/** A failure HRESULT or NTSTATUS: eight hex digits with the severity bit set (`0x80070005`, `0xC0000005`). */
const HRESULT = /(?<![A-Za-z0-9_])0[xX]([89A-Fa-f][0-9A-Fa-f]{7})(?![A-Za-z0-9_])/g;

/** SQLSTATE given as such: `SQLSTATE[42S02]`, `SQLSTATE 42P01`, `(SQLSTATE 23505)`, `SQLSTATE=42704`, `sqlstate: 08006`. */
const SQLSTATE = /(?<![A-Za-z0-9_])SQLSTATE(?:\[| ?[=:] ?| )([0-9A-Z]{5})(?![A-Za-z0-9_])/gi;

/** MySQL's client format, `ERROR 1146 (42S02): …`: the server error number and the SQLSTATE. */
const MYSQL = /(?<![A-Za-z0-9_])ERROR (\d{4}) \(([0-9A-Z]{5})\)/g;

/** psql with VERBOSITY verbose: `ERROR:  42P01: relation …`. */
const PG_VERBOSE = /(?<![A-Za-z0-9_])(?:ERROR|FATAL):\s{1,4}([0-9A-Z]{5}):/g;

/** npm's code line, `npm ERR! code E404` (npm 10: `npm error code E404`), for codes not in the list. */
const NPM_CODE_LINE = /(?<![A-Za-z0-9_])npm (?:ERR!|error) code (E[A-Z0-9]{2,24})(?![A-Za-z0-9_])/g;

const CONTAINER = new RegExp(`(?<![A-Za-z0-9_])(${CONTAINER_STATES.join('|')})(?![A-Za-z0-9_])`, 'g');

function keepsShape(code: string): boolean {
  if (/^(?:TS|E0|CS|MSB|NU|NETSDK|NG0|AADSTS|ORA-|PLS-|TNS-|ERR_|ER_)/.test(code) && /\d|_/.test(code)) {
    // `E0…` is rustc only when it is E and four digits; `ER_`/`ERR_` need a word after the prefix.
    if (code.startsWith('E0')) return /^E0\d{3}$/.test(code);
    if (code.startsWith('ER_') || code.startsWith('ERR_')) return /^ERR?_[A-Z][A-Z0-9_]+$/.test(code);
    return true;
  }
  return ERRNO_NAMES.has(code) || NPM_CODES.has(code) || SIGNALS.has(code);
}

/** The distinct error codes of a text, in order of first appearance. */
export function errorCodes(text: string): string[] {
  const found = new Set<string>();
  const order: { at: number; code: string }[] = [];
  const add = (at: number, code: string) => {
    if (!found.has(code)) {
      found.add(code);
      order.push({ at, code });
    }
  };
  for (const m of text.matchAll(SHAPED)) if (keepsShape(m[1])) add(m.index, m[1]);
  for (const m of text.matchAll(TS_PAREN)) add(m.index, `TS${m[1]}`);
  for (const m of text.matchAll(HRESULT)) add(m.index, `0x${m[1].toUpperCase()}`);
  for (const m of text.matchAll(SQLSTATE)) if (/\d/.test(m[1])) add(m.index, `SQLSTATE-${m[1].toUpperCase()}`);
  for (const m of text.matchAll(MYSQL)) {
    add(m.index, `MYSQL-${m[1]}`);
    add(m.index, `SQLSTATE-${m[2]}`);
  }
  for (const m of text.matchAll(PG_VERBOSE)) if (/\d/.test(m[1])) add(m.index, `SQLSTATE-${m[1]}`);
  for (const m of text.matchAll(NPM_CODE_LINE)) add(m.index, m[1]);
  for (const m of text.matchAll(CONTAINER)) add(m.index, m[1]);
  return order.sort((a, b) => a.at - b.at).map((o) => o.code);
}
