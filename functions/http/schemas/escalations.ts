import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { pageSchema } from '#model/page.js';
import { URGENCIES } from '#domain/request-vocabulary.js';

/** Escalating a request to the national single window, and the national inbox of escalated requests. */

export const EscalationBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim(), z.minLength(3), z.maxLength(1000)) }),
  { id: 'Escalation' },
);

/**
 * An entry of the national inbox of escalations: which canton's request, its reference, classification and urgency,
 * and who escalated it when. The reason is the officer's own words about the case: it stays on the escalated
 * request's (audited) read, like the citizen's data.
 */
export const EscalationSummary = withMeta(
  z.object({
    originCantonId: withMeta(z.string(), { description: 'The canton whose request it is' }),
    requestId: z.string(),
    reference: z.string(),
    classification: z.optional(
      z.object({ category: z.string(), subcategory: z.string(), label: z.string() }),
    ),
    urgency: z.enum(URGENCIES),
    at: withMeta(z.iso.datetime(), { description: 'When the request was escalated' }),
    by: withMeta(z.string(), { description: 'The officer who escalated it' }),
  }),
  { id: 'EscalationSummary' },
);

export const EscalationPage = pageSchema(
  EscalationSummary,
  'EscalationPage',
  'Escalated requests, newest first: GET one for its reason, history and referrals',
);
