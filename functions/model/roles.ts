/** The roles of DOMAIN.md. On AWS each is a Cognito group; locally a token carries the same `cognito:groups`. */
export const ROLES = [
  'operator',
  'swcs-officer',
  'contact-officer',
  'case-manager',
  'head-of-department',
  'coordinator',
  'auditor',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
