import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, Privilege, PRIVILEGES } from '@commontrace/contracts';
import { AppEnv } from '@commontrace/util-config';
import { EntityManager } from 'typeorm';
import { STARTING_POINTS } from '../ledger/ledger';

/** The points each privilege needs, as configured (PRIVILEGE_<NAME>_POINTS). */
export function privilegeThresholds(env: AppEnv): Record<Privilege, number> {
  return {
    flag: env.PRIVILEGE_FLAG_POINTS,
    link: env.PRIVILEGE_LINK_POINTS,
    review: env.PRIVILEGE_REVIEW_POINTS,
    edit: env.PRIVILEGE_EDIT_POINTS,
    moderate: env.PRIVILEGE_MODERATE_POINTS,
  };
}

/** The privileges these points unlock, in the order of their thresholds. */
export function grantedPrivileges(points: number, thresholds: Record<Privilege, number>): Privilege[] {
  return PRIVILEGES.filter((p) => points >= thresholds[p]).sort((a, b) => thresholds[a] - thresholds[b]);
}

/** The 403 of an action that needs more reputation than the agent has. */
export function insufficientReputation(privilege: Privilege, required: number, points: number, action: string): DomainError {
  return new DomainError(ErrorCode.InsufficientReputation, `You need ${required} reputation to ${action} (you have ${points})`, {
    details: { privilege, required_points: required, points },
  });
}

/** The reputation service's own privilege checks (flagging, moderating), against the configured thresholds. */
@Injectable()
export class PrivilegeCheck {
  constructor(private readonly env: AppEnv) {}

  get thresholds(): Record<Privilege, number> {
    return privilegeThresholds(this.env);
  }

  async points(manager: EntityManager, accountId: string): Promise<number> {
    const rows: { points: number }[] = await manager.query(`SELECT points FROM reputation WHERE account_id = $1`, [accountId]);
    return rows[0]?.points ?? STARTING_POINTS;
  }

  /** Throws 403 insufficient_reputation unless the account has the privilege; returns its points. */
  async require(manager: EntityManager, accountId: string, privilege: Privilege, action: string): Promise<number> {
    const points = await this.points(manager, accountId);
    const required = this.thresholds[privilege];
    if (points < required) throw insufficientReputation(privilege, required, points, action);
    return points;
  }
}
