import { errorCodes } from './error-codes';
import { MAX_LOOKUP_KEYS, MAX_SIGNATURE_LENGTH, MAX_SIGNATURES, errorSignatures, signatureLookups } from './error-signatures';
import { messageTemplate } from './message-template';

const messages = (text: string) => errorSignatures(text).filter((s) => s.kind === 'message').map((s) => s.signature);
const codes = (text: string) => errorSignatures(text).filter((s) => s.kind === 'code').map((s) => s.signature);

describe('message signatures of real error output', () => {
  it.each([
    [
      'Python traceback',
      'Traceback (most recent call last):\n  File "/home/alice/app/main.py", line 3, in <module>\n    import requests\nModuleNotFoundError: No module named \'requests\'',
      'modulenotfounderror: no module named <str>',
    ],
    ['Python with an errno', "FileNotFoundError: [Errno 2] No such file or directory: '/etc/app/config.yaml'", 'filenotfounderror: [errno <n>] no such file or directory: <str>'],
    ['Python value error', "ValueError: invalid literal for int() with base 10: 'abc'", 'valueerror: invalid literal for int() with base <n>: <str>'],
    ['pytest prefix', "E   AttributeError: 'NoneType' object has no attribute 'get'", 'attributeerror: <str> object has no attribute <str>'],
    ['Node TypeError', "TypeError: Cannot read properties of undefined (reading 'map')\n    at App (/src/App.jsx:12:20)", 'typeerror: cannot read properties of undefined (reading <str>)'],
    ['uncaught in the browser', 'Uncaught (in promise) TypeError: Failed to fetch', 'typeerror: failed to fetch'],
    ['Node with a code', 'Error [ERR_REQUIRE_ESM]: require() of ES Module /app/node_modules/chalk/source/index.js from /app/index.js not supported.', 'error [err_require_esm]: require() of es module <path> from <path> not supported'],
    ['connection refused', 'Error: connect ECONNREFUSED 127.0.0.1:5432\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)', 'error: connect econnrefused <addr>'],
    ['tsc', "src/index.ts(3,21): error TS2307: Cannot find module '@app/util' or its corresponding type declarations.", 'ts2307: cannot find module <str> or its corresponding type declarations'],
    ['rustc', 'error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable\n --> src/main.rs:5:9', 'e0502: cannot borrow <str> as mutable because it is also borrowed as immutable'],
    ['C#', "Program.cs(5,7): error CS0246: The type or namespace name 'Newtonsoft' could not be found (are you missing a using directive or an assembly reference?)", 'cs0246: the type or namespace name <str> could not be found (are you missing a using directive or an assembly reference?)'],
    ['Java with packages', 'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()" because "<local1>" is null', 'java.lang.nullpointerexception: cannot invoke <str> because <str> is null'],
    ['Kotlin', 'kotlin.UninitializedPropertyAccessException: lateinit property adapter has not been initialized', 'kotlin.uninitializedpropertyaccessexception: lateinit property adapter has not been initialized'],
    ['C# runtime', "System.InvalidOperationException: Unable to resolve service for type 'App.IRepo' while attempting to activate 'App.HomeController'.", 'system.invalidoperationexception: unable to resolve service for type <str> while attempting to activate <str>'],
    ['Go panic', 'panic: runtime error: index out of range [5] with length 3\n\ngoroutine 1 [running]:', 'panic: runtime error: index out of range [<n>] with length <n>'],
    ['Go fatal', 'fatal error: all goroutines are asleep - deadlock!', 'fatal error: all goroutines are asleep - deadlock'],
    ['PostgreSQL', 'ERROR:  relation "users" does not exist\nLINE 1: SELECT * FROM users;', 'error: relation <str> does not exist'],
    ['PostgreSQL unique', 'ERROR:  duplicate key value violates unique constraint "users_email_key"\nDETAIL:  Key (email)=(a@b.io) already exists.', 'error: duplicate key value violates unique constraint <str>'],
    ['psql', 'psql: error: connection to server at "localhost" (::1), port 5432 failed: Connection refused', 'error: connection to server at <str> (<addr>), port <n> failed: connection refused'],
    ['Oracle', 'ORA-00942: table or view does not exist', 'ora-00942: table or view does not exist'],
    ['MySQL', "ERROR 1146 (42S02): Table 'shop.orders' doesn't exist", "mysql-1146: table <str> doesn't exist"],
    ['git', 'fatal: refusing to merge unrelated histories', 'fatal: refusing to merge unrelated histories'],
    ['gcc', "main.c:4:5: error: 'count' undeclared (first use in this function)", 'error: <str> undeclared (first use in this function)'],
    ['Ruby', "app.rb:3:in `foo': undefined method `bar' for nil:NilClass (NoMethodError)", 'nomethoderror: undefined method <str> for nil:nilclass'],
    ['Rust panic, new format', 'thread \'main\' panicked at src/main.rs:4:5:\ncalled `Option::unwrap()` on a `None` value', 'panicked: called <str> on a <str> value'],
    ['Rust panic, old format', "thread 'main' panicked at 'called `Option::unwrap()` on a `None` value', src/main.rs:4:5", 'panicked: called <str> on a <str> value'],
    ['psycopg2', 'psycopg2.errors.UndefinedTable: relation "orders" does not exist', 'psycopg2.errors.undefinedtable: relation <str> does not exist'],
    ['React warning', 'Warning: Each child in a list should have a unique "key" prop.', 'warning: each child in a list should have a unique <str> prop'],
    ['apt', 'E: Unable to locate package libssl-dev', 'e: unable to locate package libssl-dev'],
    ['a quoted value of punctuation is kept', "SyntaxError: Unexpected token '<', \"<!DOCTYPE \"... is not valid JSON", "syntaxerror: unexpected token '<', <str>... is not valid json"],
  ])('%s', (_name, text, expected) => {
    expect(messages(text)).toContain(expected);
  });

  it('gives each exception of a chained line, and every Caused by', () => {
    expect(messages('UnhandledPromiseRejectionWarning: Error: listen EADDRINUSE: address already in use :::3000')).toEqual([
      'unhandledpromiserejectionwarning: error: listen eaddrinuse: address already in use <addr>',
      'error: listen eaddrinuse: address already in use <addr>',
    ]);
    const java = [
      'org.springframework.beans.factory.UnsatisfiedDependencyException: Error creating bean with name \'userController\'',
      'Caused by: java.net.ConnectException: Connection refused',
      '\tat java.base/sun.nio.ch.Net.connect0(Native Method)',
    ].join('\n');
    expect(messages(java)).toEqual([
      'org.springframework.beans.factory.unsatisfieddependencyexception: error creating bean with name <str>',
      'java.net.connectexception: connection refused',
    ]);
  });

  it('ignores prose that only mentions an error, stack frames and log noise', () => {
    expect(messages('I got this error: the page stays blank after login')).toEqual([]);
    expect(messages('    at Object.<anonymous> (/app/index.js:3:9)\n    at Module._compile (node:internal/modules/cjs/loader:1105:14)')).toEqual([]);
    expect(messages('Traceback (most recent call last):\n  File "main.py", line 3, in <module>')).toEqual([]);
    expect(messages('We use TypeScript and a value: 3')).toEqual([]);
  });

  it('needs a word in the message: a type with only a value is no signature', () => {
    expect(messages("KeyError: 'DATABASE_URL'")).toEqual([]);
    expect(messages('java.lang.NullPointerException')).toEqual([]);
  });
});

describe('the same error from two machines has one signature', () => {
  it.each([
    [
      'Python traceback, other paths, line and module',
      'File "/home/alice/proj/app.py", line 3, in <module>\nModuleNotFoundError: No module named \'requests\'',
      'File "C:\\Users\\bob\\venv\\run.py", line 118, in main\nModuleNotFoundError: No module named "numpy"',
    ],
    ['other property and file', "TypeError: Cannot read properties of undefined (reading 'map') at App.jsx:12", "TypeError: Cannot read properties of undefined (reading 'length') at List.tsx:88"],
    ['other host and port', 'Error: connect ECONNREFUSED 127.0.0.1:5432', 'Error: connect ECONNREFUSED 10.1.2.3:6379'],
    ['IPv6 loopback against IPv4', 'Error: connect ECONNREFUSED ::1:5432', 'Error: connect ECONNREFUSED 127.0.0.1:3306'],
    ['a redacted address against a real one', 'Error: connect ETIMEDOUT [ip]:443', 'Error: connect ETIMEDOUT 52.84.11.3:443'],
    ['a redacted home directory against a real one', "PermissionError: [Errno 13] Permission denied: '/home/[user]/.cache/pip'", "PermissionError: [Errno 13] Permission denied: '/Users/carol/Library/Caches/pip'"],
    ['unquoted paths', 'Error: ENOENT: no such file or directory, open /srv/app/.env', 'Error: ENOENT: no such file or directory, open ./config/.env.local'],
    ['tsc with other module and location', "src/a.ts(3,21): error TS2307: Cannot find module '@app/util' or its corresponding type declarations.", "packages/web/src/main.tsx(10,8): error TS2307: Cannot find module './styles.css' or its corresponding type declarations"],
    ['rustc with another variable', 'error[E0502]: cannot borrow `items` as mutable because it is also borrowed as immutable', 'error[E0502]: cannot borrow `self.queue` as mutable because it is also borrowed as immutable'],
    ['Java with other ids and addresses', 'java.lang.IllegalStateException: Connection pool shut down at 0x7ffee4b2a8c0 (id 3f2b9c1e-8d4a-4e6b-9f10-2a3b4c5d6e7f)', 'java.lang.IllegalStateException: Connection pool shut down at 0x1000 (id 00000000-0000-4000-8000-000000000000)'],
    ['Go panic with other numbers', 'panic: runtime error: index out of range [5] with length 3', 'panic: runtime error: index out of range [12] with length 12'],
    ['versions and sizes', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory after 2048MB in v18.17.0', 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory after 512MB in v20.1.0'],
    ['URLs', 'Error: Request failed with status code 404 for https://api.example.com/v1/users/42', 'Error: Request failed with status code 500 for http://localhost:3000/health'],
    ['case and spacing', 'ERROR:  relation "users" does not exist', 'error: relation   "Orders"   does not exist'],
    ['a trailing period', 'fatal: not a git repository (or any of the parent directories): .git', 'fatal: not a git repository (or any of the parent directories): .git.'],
    ['hashes', 'error: pathspec abc1234def does not match any file(s) known to git', 'error: pathspec 9f8e7d6c5b does not match any file(s) known to git'],
    ['UUIDs', 'Error: Document 7c9e6679-7425-40de-944b-e07fc1f90ae7 not found in collection', 'Error: Document A8098C1A-F86E-11DA-BD1A-00112444BE1E not found in collection'],
    ['e-mail addresses', 'Error: User alice@corp.io is not allowed to push', 'Error: User [email] is not allowed to push'],
  ])('%s', (_name, a, b) => {
    const mine = messages(a);
    expect(mine.length).toBeGreaterThan(0);
    expect(messages(b)).toEqual(mine);
  });
});

describe('near misses have different signatures', () => {
  it.each([
    ['undefined against null', "TypeError: Cannot read properties of undefined (reading 'map')", "TypeError: Cannot read properties of null (reading 'map')"],
    ['same type, other message', "ModuleNotFoundError: No module named 'requests'", "ModuleNotFoundError: No module named 'requests.adapters'; 'requests' is not a package"],
    ['same type, other failure', 'java.lang.IllegalStateException: Failed to load ApplicationContext', 'java.lang.IllegalStateException: Connection pool shut down'],
    ['same message, other type', 'TypeError: x is not a function', 'ReferenceError: x is not defined'],
    ['another package of the same class', 'java.net.ConnectException: Connection refused', 'org.apache.http.conn.HttpHostConnectException: Connection refused'],
    ['another rustc code', 'error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable', 'error[E0499]: cannot borrow `v` as mutable more than once at a time'],
    ['another tsc code', "error TS2307: Cannot find module 'x' or its corresponding type declarations.", "error TS7016: Could not find a declaration file for module 'x'."],
    ['mutable against immutable borrow', 'error[E0502]: cannot borrow `v` as mutable because it is also borrowed as immutable', 'error[E0502]: cannot borrow `v` as immutable because it is also borrowed as mutable'],
    ['HTML against ESM', "SyntaxError: Unexpected token '<'", "SyntaxError: Unexpected token 'export'"],
    ['relation against column', 'ERROR:  relation "users" does not exist', 'ERROR:  column "users" does not exist'],
    ['refused against reset', 'Error: connect ECONNREFUSED 127.0.0.1:5432', 'Error: read ECONNRESET'],
    ['Go index against nil map', 'panic: runtime error: index out of range [5] with length 3', 'panic: assignment to entry in nil map'],
  ])('%s', (_name, a, b) => {
    const mine = messages(a);
    const theirs = messages(b);
    expect(mine.length).toBeGreaterThan(0);
    expect(theirs.length).toBeGreaterThan(0);
    expect(mine.filter((s) => theirs.includes(s))).toEqual([]);
  });
});

describe('error codes', () => {
  it.each([
    ['error TS2307: Cannot find module', 'TS2307'],
    ["Cannot find module 'x' or its corresponding type declarations. ts(2307)", 'TS2307'],
    ['error[E0502]: cannot borrow', 'E0502'],
    ['what does rust E0382 mean', 'E0382'],
    ['Error: connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'],
    ["Error: ENOENT: no such file or directory, open 'x'", 'ENOENT'],
    ['npm ERR! code EACCES', 'EACCES'],
    ['getaddrinfo ENOTFOUND registry.npmjs.org', 'ENOTFOUND'],
    ['npm ERR! code ERESOLVE', 'ERESOLVE'],
    ['npm error code E404', 'E404'],
    ['Error [ERR_MODULE_NOT_FOUND]: Cannot find package', 'ERR_MODULE_NOT_FOUND'],
    ["code: 'ER_NO_SUCH_TABLE'", 'ER_NO_SUCH_TABLE'],
    ['ORA-00942: table or view does not exist', 'ORA-00942'],
    ['PLS-00201: identifier must be declared', 'PLS-00201'],
    ['Exception from HRESULT: 0x80070005 (E_ACCESSDENIED)', '0x80070005'],
    ['exited with code 0xc0000005', '0xC0000005'],
    ['error CS0246: The type or namespace name', 'CS0246'],
    ['error MSB3073: The command exited with code 1', 'MSB3073'],
    ['error NU1101: Unable to find package', 'NU1101'],
    ['SQLSTATE[42S02]: Base table or view not found', 'SQLSTATE-42S02'],
    ['ERROR: relation "x" does not exist (SQLSTATE 42P01)', 'SQLSTATE-42P01'],
    ['DB2 SQL Error: SQLCODE=-204, SQLSTATE=42704', 'SQLSTATE-42704'],
    ['ERROR:  42P01: relation "x" does not exist', 'SQLSTATE-42P01'],
    ["ERROR 1045 (28000): Access denied for user 'root'@'localhost'", 'MYSQL-1045'],
    ['[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x48f4b2]', 'SIGSEGV'],
    ['pod api-7f9c is in CrashLoopBackOff', 'CrashLoopBackOff'],
    ['NG0100: ExpressionChangedAfterItHasBeenCheckedError', 'NG0100'],
  ])('%s → %s', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it('takes no English words, stack addresses, other numbers or lowercase text for codes', () => {
    expect(errorCodes('ERROR EOF EXPOSE ENV EDIT EACH Error SIGNAL')).toEqual([]);
    expect(errorCodes('at 0x7ffee4b2a8c0 and 0x1000 and 0x0000007f')).toEqual([]);
    expect(errorCodes('TS23 E502 E05021 ORA-942 CS02460 ts2307 econnrefused')).toEqual([]);
    expect(errorCodes('status 404 on port 5432 since 2024')).toEqual([]);
    expect(errorCodes('SQLSTATE HELLO')).toEqual([]);
  });

  it('keeps each code once, in order of appearance', () => {
    expect(errorCodes('ENOENT then EACCES then ENOENT, TS2307 and TS2307')).toEqual(['ENOENT', 'EACCES', 'TS2307']);
  });
});

describe('bounds', () => {
  it('keeps at most MAX_SIGNATURES signatures per text, codes included', () => {
    const text = Array.from({ length: 60 }, (_, i) => `error TS${2300 + i}: Cannot find thing number${'x'.repeat(i)} here`).join('\n');
    const found = errorSignatures(text);
    expect(found).toHaveLength(MAX_SIGNATURES);
    expect(found.filter((s) => s.kind === 'code').length).toBeGreaterThanOrEqual(8);
    expect(found.filter((s) => s.kind === 'message').length).toBeGreaterThanOrEqual(8);
  });

  it('cuts long signatures at a word', () => {
    const [s] = messages(`TypeError: ${'something went quite wrong '.repeat(40)}`);
    expect(s.length).toBeLessThanOrEqual(MAX_SIGNATURE_LENGTH);
    expect(s.endsWith(' ')).toBe(false);
  });

  it('reads only the first 51,000 characters', () => {
    expect(codes(`${'x '.repeat(26_000)}ECONNREFUSED`)).toEqual([]);
  });

  it('gives distinct signatures', () => {
    const text = 'TypeError: x is not a function\nTypeError: y is not a function\nTypeError: x is not a function';
    expect(messages(text)).toEqual(['typeerror: x is not a function', 'typeerror: y is not a function']);
  });
});

describe('messageTemplate', () => {
  it('replaces what varies with placeholders', () => {
    expect(messageTemplate("Cannot open '/tmp/x' at https://a.b/c?d=1 from 10.0.0.2:80 id 3f2b9c1e-8d4a-4e6b-9f10-2a3b4c5d6e7f, 0xdeadbeef, 42 times")).toBe(
      'cannot open <str> at <url> from <addr> id <id>, <hex>, <n> times',
    );
    expect(messageTemplate('at src/app/main.rs:4:5 and C:\\work\\app\\main.py')).toBe('at <path> and <path>');
    expect(messageTemplate("doesn't exist")).toBe("doesn't exist");
  });
});

describe('signatureLookups: what a query looks up', () => {
  it('holds the signatures and the word prefixes of message signatures, down to three words', () => {
    const lookups = signatureLookups("ModuleNotFoundError: No module named 'requests' after pip install ECONNREFUSED");
    expect(lookups.filter((k) => k.whole).map((k) => k.kind)).toEqual(['message', 'code']);
    expect(lookups.filter((k) => !k.whole).every((k) => k.kind === 'message')).toBe(true);
    const keys = lookups.map((k) => k.signature);
    expect(keys).toEqual([
      'modulenotfounderror: no module named <str> after pip install econnrefused',
      'ECONNREFUSED',
      'modulenotfounderror: no module named <str> after pip install',
      'modulenotfounderror: no module named <str> after pip',
      'modulenotfounderror: no module named <str> after',
      'modulenotfounderror: no module named <str>',
      'modulenotfounderror: no module named',
    ]);
  });

  it('never shortens a message below three words, and keeps at most MAX_LOOKUP_KEYS keys', () => {
    expect(signatureLookups('TypeError: x is not a function').map((k) => k.signature)).toEqual([
      'typeerror: x is not a function',
      'typeerror: x is not a',
      'typeerror: x is not',
    ]);
    const long = Array.from({ length: 20 }, (_, i) => `Error${i}Error: ${'word '.repeat(30)}`).join('\n');
    expect(signatureLookups(long).length).toBe(MAX_LOOKUP_KEYS);
  });
});
