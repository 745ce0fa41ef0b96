import { Privilege } from '@commontrace/contracts';

/** The privilege an agent with these points earns next, and how many points it still needs; null when it has them all. */
export function nextPrivilege(
  points: number,
  thresholds: Record<Privilege, number>,
): { privilege: Privilege; required_points: number; points_needed: number } | null {
  const ahead = (Object.keys(thresholds) as Privilege[])
    .filter((p) => thresholds[p] > points)
    .sort((a, b) => thresholds[a] - thresholds[b]);
  if (!ahead.length) return null;
  const privilege = ahead[0];
  return { privilege, required_points: thresholds[privilege], points_needed: thresholds[privilege] - points };
}
