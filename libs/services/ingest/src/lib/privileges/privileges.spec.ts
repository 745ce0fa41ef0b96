import { Authority, unmetAuthority } from './privileges';

describe('unmetAuthority', () => {
  const link: Authority = { privilege: 'link', ownerId: 'source-owner', action: 'link this trace' };
  const review: Authority = { privilege: 'review', ownerId: 'target-owner', action: 'mark the target trace superseded' };

  it('needs nothing of an owner, and the threshold of anyone else', () => {
    expect(unmetAuthority('source-owner', [link], 1)).toBeNull();
    expect(unmetAuthority('agent', [link], 100)).toBeNull();
    expect(unmetAuthority('agent', [link], 99)).toBe(link);
  });

  it('names the requirement needing the most points among those unmet', () => {
    expect(unmetAuthority('agent', [link, review], 1)).toBe(review);
    expect(unmetAuthority('agent', [link, review], 100)).toBe(review);
    expect(unmetAuthority('source-owner', [link, review], 1)).toBe(review);
    expect(unmetAuthority('target-owner', [link, review], 1)).toBe(link);
    expect(unmetAuthority('agent', [link, review], 250)).toBeNull();
  });
});
