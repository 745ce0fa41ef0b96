import { conflicting, conflictingProductVersions, errorMarkers, errorTemplates, firstNamedVersions, namedVersions } from './error-signature';

const asObject = (m: Map<string, Set<string>>) => Object.fromEntries([...m].map(([k, v]) => [k, [...v]]));

describe('error signature', () => {
  it('extracts error codes, exception types, compiler and vendor codes, statuses and exit codes', () => {
    const text = 'ERR_REQUIRE_ESM, ECONNREFUSED, a TypeError, TS2307, error[E0382], NG0100, P2002, 413 Request Entity Too Large, exit code 137';
    expect([...errorMarkers(text)].sort()).toEqual(['413', 'E0382', 'ECONNREFUSED', 'ERR_REQUIRE_ESM', 'NG0100', 'P2002', 'TS2307', 'TypeError', 'exit 137'].sort());
  });

  it('reads a status given as such, and not an exit status, as an HTTP status', () => {
    expect([...errorMarkers("RequestError [HttpError]: Resource not accessible\n  status: 403")].sort()).toEqual(['403', 'HttpError', 'RequestError']);
    expect([...errorMarkers('responded with statusCode 502')]).toEqual(['502']);
    expect([...errorMarkers('git exited: exit status 128')]).toEqual(['exit 128']);
  });

  it('takes getaddrinfo codes as codes, and log levels and SQL or Dockerfile keywords not', () => {
    expect([...errorMarkers('getaddrinfo EAI_AGAIN api.example.com')]).toEqual(['EAI_AGAIN']);
    expect([...errorMarkers('ERROR: relation missing; EXPLAIN shows a Seq Scan; ENTRYPOINT ["/run.sh"]; EXPOSE 80')]).toEqual([]);
    expect(conflicting(errorMarkers('ERROR: relation "users" does not exist'), errorMarkers('TypeError: users is undefined'))).toBe(false);
  });

  it('sees a conflict only when neither side names all of the other', () => {
    expect(conflicting(new Set(['E0499']), new Set(['E0502']))).toBe(true);
    expect(conflicting(new Set(['E0502']), new Set(['E0502', 'TypeError']))).toBe(false);
    expect(conflicting(new Set(), new Set(['E0502']))).toBe(false);
  });

  it('names versions after their product, in prose, image tags and package specs', () => {
    expect(asObject(namedVersions('Node 17+ with webpack 4; golang:1.21 and eslint@9.1.0 on Kubernetes 1.22+, Compose v2'))).toEqual({
      node: ['17+'],
      webpack: ['4'],
      golang: ['1.21'],
      eslint: ['9.1'],
      kubernetes: ['1.22+'],
      compose: ['2'],
    });
  });

  it('takes a version with a trailing + as that one or any later', () => {
    expect(conflictingProductVersions(firstNamedVersions('Node 15+ crashes on it'), firstNamedVersions('Node 18 exits'))).toBeUndefined();
    expect(conflictingProductVersions(firstNamedVersions('Node 17+ only'), firstNamedVersions('on Node 16'))).toBe('node');
    expect(conflictingProductVersions(firstNamedVersions('Kubernetes 1.22+'), firstNamedVersions('Kubernetes 1.21'))).toBe('kubernetes');
    expect(conflictingProductVersions(firstNamedVersions('Kubernetes 1.22+'), firstNamedVersions('Kubernetes 1.30'))).toBeUndefined();
    expect(conflictingProductVersions(firstNamedVersions('Node 15+'), firstNamedVersions('Node 18+'))).toBeUndefined();
  });

  it('does not read a position in a file, a host and port, or an HTTP status as a version', () => {
    expect(asObject(namedVersions('main.go:7:2: missing go.sum entry; at lib/crypto.js:135; db at localhost:5432; got HTTP 403'))).toEqual({});
    expect(asObject(namedVersions('a Next.js 14 app'))).toEqual({ js: ['14'] });
  });

  it('reads a release number as the version of the release', () => {
    expect(conflictingProductVersions(firstNamedVersions('Seen on release 12.2.'), firstNamedVersions('Seen on release 13.3.'))).toBe('release');
  });

  it('does not read ports, sizes, counts or line numbers as versions', () => {
    expect(asObject(namedVersions('listens on port 3000, limit 512Mi, 12 replicas, line 14, exit code 137'))).toEqual({});
  });

  it('keeps the first version named per product, and compares at the precision both give', () => {
    const a = firstNamedVersions('React 18: ReactDOM.render is no longer supported. On React 17 it worked');
    const b = firstNamedVersions('createRoot fails in a React 17 app');
    expect(conflictingProductVersions(a, b)).toBe('react');
    expect(conflictingProductVersions(firstNamedVersions('Node 18'), firstNamedVersions('Node 18.19 on Ubuntu'))).toBeUndefined();
    expect(conflictingProductVersions(firstNamedVersions('Go 1.21'), firstNamedVersions('Go 1.22'))).toBe('go');
    expect(conflictingProductVersions(firstNamedVersions('Node 18'), firstNamedVersions('Python 3.12'))).toBeUndefined();
  });

  it('stays linear on long inputs', () => {
    const text = 'a'.repeat(50_000) + ' 1.2 ' + 'Node 18 '.repeat(5_000);
    expect(namedVersions(text).get('node')).toEqual(new Set(['18']));
  });

  it('turns error lines into templates without their paths, numbers and quoted names', () => {
    const a = errorTemplates("Build log:\nError: Cannot find module '/app/dist/main.js' (line 12)\nDone.");
    const b = errorTemplates('error: cannot find module "/srv/api/out/index.js"   (line 7)');
    expect([...a]).toEqual(['error: cannot find module Q (line N)']);
    expect(b).toEqual(a);
  });

  it('keeps apart errors whose wording differs', () => {
    const a = errorTemplates("Error: Cannot find module 'x'");
    const b = errorTemplates("Error: Cannot read properties of undefined (reading 'x')");
    expect([...a].some((t) => b.has(t))).toBe(false);
  });

  it('replaces paths token by token', () => {
    expect([...errorTemplates('ENOENT: no such file or directory, open /tmp/a/b.txt')]).toEqual(['enoent: no such file or directory, open P']);
  });
});
