import { redactPii, redactPiiInJson } from './pii';

describe('redactPii', () => {
  it('replaces e-mail addresses, home-directory user names, IP addresses and phone numbers', () => {
    const { text, redactions } = redactPii(
      'Mail jane.doe@acme.io; see /home/jdoe/project and C:\\Users\\Marta\\app; server 203.0.113.42; call +1 415-555-0134.',
    );
    expect(text).toBe('Mail [email]; see /home/[user]/project and C:\\Users\\[user]\\app; server [ip]; call [phone].');
    expect(redactions).toEqual([
      { kind: 'email', count: 1 },
      { kind: 'home_directory_user', count: 2 },
      { kind: 'ip_address', count: 1 },
      { kind: 'phone_number', count: 1 },
    ]);
  });

  it('keeps what is not personal: loopback, example domains, generic users, versions', () => {
    const input =
      'curl http://127.0.0.1:3000 and 0.0.0.0; git@github.com:org/repo; admin@example.com; /home/dev/app; node v20.11.1; 1.2.3';
    expect(redactPii(input)).toEqual({ text: input, redactions: [] });
  });
});

describe('redactPiiInJson', () => {
  it('redacts the strings at any depth, keeps keys and other values, and adds up the counts', () => {
    const { value, redactions } = redactPiiInJson({
      owner: 'jane.doe@acme.io',
      hosts: ['203.0.113.42', { ssh: 'ops@corp.acme.io via 198.51.100.7' }],
      port: 5432,
      debug: true,
      'jane@acme.io': null,
    });
    expect(value).toEqual({ owner: '[email]', hosts: ['[ip]', { ssh: '[email] via [ip]' }], port: 5432, debug: true, 'jane@acme.io': null });
    expect(redactions).toEqual([
      { kind: 'email', count: 2 },
      { kind: 'ip_address', count: 2 },
    ]);
  });

  it('leaves a value without personal data as it was', () => {
    const metadata = { language: 'typescript', versions: { node: '20.11.1' } };
    expect(redactPiiInJson(metadata)).toEqual({ value: metadata, redactions: [] });
  });
});
