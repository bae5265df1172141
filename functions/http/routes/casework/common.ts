import type { Role } from '#model/roles.js';

/**
 * Who manages plans: case managers, and SWCS officers where the canton's plan options allow it (checked by the
 * handler, app/casework/scope.ts: a 403 otherwise).
 */
export const MANAGERS: readonly Role[] = ['case-manager', 'swcs-officer'];

/** Who reads plans. Never a contact officer or an operator; an auditor reads and writes nothing. */
export const READERS: readonly Role[] = [
  'case-manager',
  'swcs-officer',
  'head-of-department',
  'coordinator',
  'auditor',
];

export const AUDITED = 'Every read and every change of a plan or cart leaves an audit record.';
