import fc from 'fast-check';
import { isSensitivePath, redact } from './redact';

const me = { home: '/home/alice', user: 'alice' };

describe('redact', () => {
  it.each([
    ['a GitHub token', 'git push failed: token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB rejected', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789AB'],
    ['an AWS key', 'AKIAIOSFODNN7ABCDEFG is not authorized', 'AKIAIOSFODNN7ABCDEFG'],
    ['URL credentials', 'cannot connect to postgres://app:s3cr3tPassw0rd@db.internal:5432/app', 's3cr3tPassw0rd'],
    ['a token in a URL', 'fetch https://x-access-token:tok123456789@github.com/org/repo.git failed', 'tok123456789'],
    ['an .env assignment', 'DATABASE_PASSWORD=hunter2hunter2\nOTHER=1', 'hunter2hunter2'],
    ['an exported secret', 'export STRIPE_SECRET="abc123def456"', 'abc123def456'],
    ['a YAML secret', 'api_key: 9f8e7d6c5b4a', '9f8e7d6c5b4a'],
    ['an Authorization header', 'curl -H "Authorization: Bearer eyJzdWIiOiIxMjM0NTY3ODkwIn0abc" failed', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0abc'],
    ['a command-line password', 'mysql --password=Zx9!qWe7 -u root', 'Zx9!qWe7'],
    ['an e-mail address', 'git config user.email jane.doe@corp.io', 'jane.doe@corp.io'],
    ['the home directory', 'Error: ENOENT, open /home/alice/work/app/config.ts', '/home/alice'],
    ['the user name', 'permission denied for user alice on schema public', 'alice'],
  ])('removes %s', (_what, text, secret) => {
    const out = redact(text, me);
    expect(out.text).not.toContain(secret);
    expect(Object.values(out.counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });

  it('removes a whole private key block', () => {
    const key = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1\nabcd\n-----END RSA PRIVATE KEY-----';
    expect(redact(`key:\n${key}\nend`).text).toBe('key:\n[redacted:private_key]\nend');
  });

  it('keeps what is not secret: placeholders, error text, paths of other users', () => {
    const text = "TypeError: Cannot read properties of undefined (reading 'map') at src/app.ts:3:5\nDB_PASSWORD=${DB_PASSWORD}\nSyntaxError: invalid token: expected identifier";
    expect(redact(text, me).text).toBe(text);
  });

  it('is linear on long adversarial input', () => {
    const started = Date.now();
    for (const s of ['a='.repeat(50_000), 'https://'.repeat(20_000), 'x@'.repeat(50_000), '-----BEGIN PRIVATE KEY-----'.repeat(2000)]) redact(s, me);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('isSensitivePath', () => {
  it.each(['.env', '.env.local', 'config/.env.production', 'id_rsa', 'server.pem', 'tls.key', '.npmrc', '.aws/credentials', '/home/x/.ssh/config', '.git-credentials', 'certs/client.p12'])(
    'refuses %s',
    (p) => expect(isSensitivePath(p)).toBe(true),
  );
  it.each(['package.json', 'pyproject.toml', 'go.mod', 'Cargo.toml', 'pom.xml', 'src/env.ts', 'keyboard.ts'])('allows %s', (p) => expect(isSensitivePath(p)).toBe(false));
});

describe('redact, for any surrounding text', () => {
  const secret = fc.oneof(
    fc.stringMatching(/^ghp_[a-wA-W0-9]{36}$/),
    fc.stringMatching(/^AKIA[A-W0-9]{16}$/),
    fc.stringMatching(/^sk-proj-[a-wA-W0-9]{40}$/),
    fc.stringMatching(/^[a-w]{3,8}[0-9]{2,6}[A-W]{2,6}$/).map((pw) => ({ text: `https://deploy:${pw}@git.example.org/repo.git`, value: pw })),
    fc.stringMatching(/^[a-w]{3,8}[0-9]{2,6}[A-W]{2,6}$/).map((pw) => ({ text: `export DB_PASSWORD=${pw}`, value: pw })),
  );
  const around = fc.string({ maxLength: 80 }).map((t) => t.replace(/\s/g, ' '));

  it('never lets the secret through', () => {
    fc.assert(
      fc.property(around, secret, around, (before, s, after) => {
        const { text, value } = typeof s === 'string' ? { text: s, value: s } : s;
        return !redact(`${before}\n${text}\n${after}`).text.includes(value);
      }),
      { numRuns: 300 },
    );
  });
});
