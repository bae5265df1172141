import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CHANNELS, REQUEST_STATUSES } from '#domain/request-vocabulary.js';

/**
 * The fields that open both a request's read (request-view.ts) and its list's summary (request-list.ts), in the
 * order both show them, described once.
 */
export const requestHead = {
  requestId: z.string(),
  cantonId: z.string(),
  reference: withMeta(z.string(), { description: 'Short reference to read out to the citizen' }),
  status: withMeta(z.enum(REQUEST_STATUSES), {
    description:
      'Where the request stands: received, classified, assigned to an officer, answered on the spot, referred, back in the queue (needs-referral), escalated to the national level, or closed',
  }),
  channel: z.enum(CHANNELS),
};
