import { redactPii } from './pii';

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
