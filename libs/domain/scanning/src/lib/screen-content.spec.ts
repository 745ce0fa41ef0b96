import { screenContent } from './screen-content';

describe('screenContent', () => {
  it('redacts texts and JSON values, and reports each under its field', async () => {
    const result = await screenContent({
      scan: { context_text: 'ssh to 203.0.113.42 fails' },
      redact: { context_text: 'ssh to 203.0.113.42 fails', metadata_json: { host: 'jane@acme.io' }, absent: undefined },
    });
    expect(result).toEqual({
      findings: [],
      redacted: { context_text: 'ssh to [ip] fails', metadata_json: { host: '[email]' }, absent: undefined },
      redactions: [
        { field: 'context_text', kind: 'ip_address', count: 1 },
        { field: 'metadata_json', kind: 'email', count: 1 },
      ],
    });
  });

  it('stops at a credential and redacts nothing', async () => {
    const result = await screenContent({ scan: { tags: 'glpat-qt1NvVeIWmQmcVFzbjco' }, redact: { title: 'mail jane@acme.io' } });
    expect(result).toEqual({ findings: [{ field: 'tags', kind: 'gitlab_token' }], redacted: {}, redactions: [] });
  });
});
