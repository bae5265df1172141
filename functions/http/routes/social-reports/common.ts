import type { Role } from '#model/roles.js';

/** Who writes social reports: the case managers (social workers) of the canton. */
export const WRITERS: readonly Role[] = ['case-manager'];

/** Who approves them where the canton requires it (never their own). */
export const APPROVERS: readonly Role[] = ['head-of-department'];

/**
 * Who reads them: the writers and approvers, the coordinator who runs the unit, and auditors (who change nothing).
 * Operators, SWCS officers and contact officers never see a social report.
 */
export const READERS: readonly Role[] = ['case-manager', 'head-of-department', 'coordinator', 'auditor'];

export const REPORT = '/cantons/{cantonId}/social-reports/{reportId}';
