import type { Role } from '#model/roles.js';

/** Who records what a citizen says: opening a case, their appeal, their rating, following it up. */
export const RECORDERS: readonly Role[] = ['operator', 'swcs-officer', 'coordinator'];

/** Who works cases: adds and moves activities, decides. */
export const WORKERS: readonly Role[] = ['swcs-officer', 'case-manager', 'coordinator'];

/** Who reads cases (a sensitive one only if assigned, or a coordinator: domain/complaint-access.ts). */
export const READERS: readonly Role[] = [
  'operator',
  'swcs-officer',
  'case-manager',
  'head-of-department',
  'coordinator',
  'auditor',
];

export const SENSITIVE =
  'A sensitive case answers 404 to anyone but the people assigned to it and the coordinators, as if it did not exist; every read is audited, and so is every read refused. National staff reach a canton’s case once it is appealed.';
