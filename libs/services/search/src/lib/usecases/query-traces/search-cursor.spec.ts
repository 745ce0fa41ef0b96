import { DomainError } from '@commontrace/contracts';
import { decodeCursor, encodeCursor } from './search-cursor';

describe('search cursor', () => {
  const search = { q: 'docker build cache', tags: ['docker'], limit: 5 };

  it('continues the search it came from, whatever the order of its fields', () => {
    const cursor = encodeCursor(5, search);
    expect(decodeCursor({ limit: 5, tags: ['docker'], q: 'docker build cache', cursor })).toBe(5);
    expect(decodeCursor(search)).toBe(0);
  });

  it('is refused for another search', () => {
    const cursor = encodeCursor(5, search);
    expect(() => decodeCursor({ ...search, q: 'docker build context', cursor })).toThrow(DomainError);
    expect(() => decodeCursor({ ...search, tags: [], cursor })).toThrow(/another search/);
  });

  it('is refused beyond the depth a search goes', () => {
    expect(() => decodeCursor({ ...search, cursor: encodeCursor(999, search) })).toThrow(DomainError);
  });
});
