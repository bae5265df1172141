import type { Role } from '#model/roles.js';

/** Who screens: intake (presence only for operators) and the officers who work a case. */
export const SCREENERS: readonly Role[] = ['operator', 'swcs-officer', 'case-manager', 'coordinator'];

/** Who proposes and decides information-update requests (never the same person for one request). */
export const CHANGE_OFFICERS: readonly Role[] = [
  'swcs-officer',
  'case-manager',
  'coordinator',
  'head-of-department',
];

/** Who records what the canton's own programs delivered. */
export const BENEFIT_RECORDERS: readonly Role[] = ['swcs-officer', 'case-manager', 'coordinator'];
