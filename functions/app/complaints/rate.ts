import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import { type Complaint, rateComplaint, type SatisfactionInput } from '#domain/complaint.js';
import { changeComplaint } from './change.js';

/**
 * Records the citizen's satisfaction with the reply (1–5 and an optional comment), once: the one use case behind
 * the operator's route (who records what the citizen said on the phone) and the complainant's own link page
 * (`via: 'link'`). A second rating is the domain's 409, whoever asks.
 */
export function rateCase(input: {
  caller: Caller;
  params: { cantonId: string; complaintId: string };
  rating: SatisfactionInput;
  /** Called with the version read (If-Match); the link page has none to check. */
  check?: (version: number, decided: 'changes' | 'unchanged' | 'failed') => void;
  via?: 'link';
}): Promise<{ complaint: Complaint; canton: CantonDefinition; changed: boolean }> {
  const { caller, params, rating } = input;
  return changeComplaint(
    { caller, params, check: input.check ?? (() => {}), ...(input.via ? { via: input.via } : {}) },
    'complaint.rate',
    (current, _canton, now) => rateComplaint(current, rating, { caller, now }),
  );
}
