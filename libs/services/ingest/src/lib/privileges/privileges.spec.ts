import { PRIVILEGE_THRESHOLDS } from '@commontrace/contracts';
import { Authority, unmetAuthority } from './privileges';

describe('unmetAuthority', () => {
  const link: Authority = { privilege: 'link', ownerId: 'source-owner', action: 'link this trace' };
  const review: Authority = { privilege: 'review', ownerId: 'target-owner', action: 'mark the target trace superseded' };
  const defaults = PRIVILEGE_THRESHOLDS;

  it('needs nothing of an owner, and the threshold of anyone else', () => {
    expect(unmetAuthority('source-owner', [link], 1, defaults)).toBeNull();
    expect(unmetAuthority('agent', [link], 100, defaults)).toBeNull();
    expect(unmetAuthority('agent', [link], 99, defaults)).toBe(link);
  });

  it('names the requirement needing the most points among those unmet', () => {
    expect(unmetAuthority('agent', [link, review], 1, defaults)).toBe(review);
    expect(unmetAuthority('agent', [link, review], 100, defaults)).toBe(review);
    expect(unmetAuthority('source-owner', [link, review], 1, defaults)).toBe(review);
    expect(unmetAuthority('target-owner', [link, review], 1, defaults)).toBe(link);
    expect(unmetAuthority('agent', [link, review], 250, defaults)).toBeNull();
  });

  it('judges by the thresholds given, not the defaults', () => {
    const configured = { ...defaults, link: 5, review: 20 };
    expect(unmetAuthority('agent', [link], 5, configured)).toBeNull();
    expect(unmetAuthority('agent', [link, review], 19, configured)).toBe(review);
    expect(unmetAuthority('agent', [link], 99, { ...defaults, link: 500 })).toBe(link);
  });
});
