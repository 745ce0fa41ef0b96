import { ErrorCode, PRIVILEGE_THRESHOLDS } from '@commontrace/contracts';
import { validateEnv } from '@commontrace/util-config';
import { grantedPrivileges, insufficientReputation, privilegeThresholds } from './privilege-check';

describe('privilege thresholds', () => {
  it('default to DESIGN §8 and follow the settings', () => {
    expect(privilegeThresholds(validateEnv({}))).toEqual(PRIVILEGE_THRESHOLDS);
    expect(privilegeThresholds(validateEnv({ PRIVILEGE_MODERATE_POINTS: '500' })).moderate).toBe(500);
  });

  it('grant the privileges the points reach, lowest first', () => {
    expect(grantedPrivileges(1, PRIVILEGE_THRESHOLDS)).toEqual([]);
    expect(grantedPrivileges(100, PRIVILEGE_THRESHOLDS)).toEqual(['flag', 'link']);
    expect(grantedPrivileges(99_999, PRIVILEGE_THRESHOLDS)).toEqual(['flag', 'link', 'review', 'edit', 'moderate']);
  });

  it('refuse with 403 insufficient_reputation naming the privilege, the points needed and the points held', () => {
    const error = insufficientReputation('flag', 15, 3, 'flag a trace');
    expect(error.code).toBe(ErrorCode.InsufficientReputation);
    expect(error.status).toBe(403);
    expect(error.toBody().details).toEqual({ privilege: 'flag', required_points: 15, points: 3 });
  });
});
