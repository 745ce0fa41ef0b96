import { LinkKind } from '@commontrace/contracts';
import { Authority } from '../../privileges/privileges';

interface Owned {
  contributor_id: string;
}

/**
 * Who may make a link of each kind, from what it changes.
 * - Every link is a statement made on the source trace: its owner, or the link privilege (100).
 * - `supersedes` changes the target: it turns `superseded` and sinks in search. So it also needs
 *   the target's owner, or the review privilege (250).
 * - `duplicate_of` changes nothing on the target, the original. It closes the source as a
 *   duplicate of it (search collapses duplicates into their original): the source's owner, or
 *   the duplicate-close privilege (review, 250).
 * - `related`, `alternative_to` and `contradicts` change no trace's state.
 */
export function linkAuthority(kind: LinkKind, source: Owned, target: Owned): Authority[] {
  const needs: Authority[] = [{ privilege: 'link', ownerId: source.contributor_id, action: 'link this trace' }];
  if (kind === 'supersedes') {
    needs.push({ privilege: 'review', ownerId: target.contributor_id, action: 'mark the target trace superseded' });
  }
  if (kind === 'duplicate_of') {
    needs.push({ privilege: 'review', ownerId: source.contributor_id, action: 'close this trace as a duplicate' });
  }
  return needs;
}
