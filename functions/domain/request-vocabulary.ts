/**
 * The words of intake: how a request came in, how urgent it is, where it stands, how the citizen may be contacted.
 * Their own module, so that what shows a request (the API's views) names them without loading intake's input
 * schemas (request-input.ts).
 */
export const CHANNELS = ['phone', 'walk-in', 'whatsapp', 'email', 'chatbot'] as const;
export const URGENCIES = ['low', 'normal', 'high', 'critical'] as const;
export const REQUEST_STATUSES = [
  'received',
  'classified',
  'assigned',
  'answered',
  'referred',
  // A referral ended without serving the citizen (rejected, cancelled, failed, entered in error) and no other is
  // open: the request is back in a queue, to be referred again, escalated or closed.
  'needs-referral',
  'escalated',
  'closed',
] as const;
export const CONTACT_CHANNELS = ['phone', 'sms', 'whatsapp', 'email'] as const;

export type RequestStatus = (typeof REQUEST_STATUSES)[number];
