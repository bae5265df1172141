import type { Role } from '#model/roles.js';

/** Who may call, by the groups of roles several routes share. */
export const INTAKE: readonly Role[] = ['operator', 'swcs-officer'];
export const READERS: readonly Role[] = ['operator', 'swcs-officer', 'coordinator', 'auditor'];
export const CATALOGUE_MANAGERS: readonly Role[] = ['coordinator', 'admin'];
export const CATALOGUE_READERS: readonly Role[] = [
  'operator',
  'swcs-officer',
  'case-manager',
  'coordinator',
  'auditor',
  'contact-officer',
  'admin',
];
