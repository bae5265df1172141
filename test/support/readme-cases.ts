/** Cases the README walks through, for the walk-throughs that replay it and the bench that measures it. */

/** The README's complaint: by phone, about a child-development centre, to be answered by SMS (also the bench's). */
export const README_COMPLAINT = {
  type: 'complaint',
  concerns: { kind: 'service', serviceId: 'mies9-cdi-chillogallo' },
  channel: 'phone',
  complainant: { identification: 'national-id', nationalId: '1710034065' },
  contact: { phone: '+593991234567', preferredChannel: 'sms' },
  description: 'En el CDI no recibieron a mi hija aunque tenía cupo asignado',
  assigneeId: 'uio.tecnica1',
} as const;
