import type { Role } from './roles.js';

/** Who is calling, read only from verified token claims (never from the body or the path). */
export interface Caller {
  readonly userId: string;
  readonly cantonId: string;
  readonly roles: readonly Role[];
}

/** Who did something, as the history and the audit trail record it. */
export interface Actor {
  readonly userId: string;
  readonly roles: readonly string[];
}
