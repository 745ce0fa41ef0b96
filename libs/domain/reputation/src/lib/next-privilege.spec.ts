import { PRIVILEGE_THRESHOLDS } from '@commontrace/contracts';
import { nextPrivilege } from './next-privilege';

describe('nextPrivilege', () => {
  it('names the lowest threshold above the points and the points still needed', () => {
    expect(nextPrivilege(1, PRIVILEGE_THRESHOLDS)).toEqual({ privilege: 'flag', required_points: 15, points_needed: 14 });
    expect(nextPrivilege(15, PRIVILEGE_THRESHOLDS)).toEqual({ privilege: 'link', required_points: 100, points_needed: 85 });
    expect(nextPrivilege(999, PRIVILEGE_THRESHOLDS)).toEqual({ privilege: 'edit', required_points: 1000, points_needed: 1 });
  });

  it('is null once every privilege is granted', () => {
    expect(nextPrivilege(2500, PRIVILEGE_THRESHOLDS)).toBeNull();
  });

  it('follows configured thresholds, whatever their order', () => {
    const thresholds = { ...PRIVILEGE_THRESHOLDS, flag: 500, link: 5 };
    expect(nextPrivilege(1, thresholds)).toEqual({ privilege: 'link', required_points: 5, points_needed: 4 });
    expect(nextPrivilege(5, thresholds)).toEqual({ privilege: 'review', required_points: 250, points_needed: 245 });
  });
});
