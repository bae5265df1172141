import * as z from 'zod';
import { LINK_CODE } from '#domain/link.js';
import type { RouteDefinition } from '../route.js';

/**
 * The pages a contact officer's short link opens (`/r/{code}`, domain/link.ts): public — the random code is the
 * key, and a verification code sent to the officer's registered phone or e-mail guards the rest — and
 * server-rendered HTML, so they appear in the document with text/html answers and a form body.
 */
const LinkPath = z.object({
  code: z.string().regex(LINK_CODE).meta({
    description: 'The link code of the notice: 11 letters and digits, random, one per recipient and referral',
    example: '4fK9xQ2mZ7a',
  }),
});

const LinkForm = z
  .object({
    csrf: z.string().meta({ description: "The page's own token (hidden field); without it nothing changes" }),
    intent: z.enum(['send-code', 'verify', 'act']).meta({
      description: 'send-code: send a verification code; verify: check one; act: answer the referral',
    }),
    code: z.string().optional().meta({ description: 'With verify: the 6-digit code received' }),
    action: z
      .enum(['acknowledge', 'accept', 'reject', 'start', 'hold', 'complete', 'fail'])
      .optional()
      .meta({ description: 'With act: the answer' }),
    reasonCode: z.string().optional().meta({ description: 'With reject, hold and fail: the reason code' }),
    reasonText: z.string().optional().meta({ description: 'The reason in words (required with "other")' }),
  })
  .catchall(z.string())
  .meta({
    description:
      'A form of the page. With complete, the counter-referral as cr.assisted (true/false), cr.outcome, cr.dateServed, cr.note, cr.reasonCode, cr.reasonText, and the protocol’s own fields as cf.<name>',
  });

const DEAD = {
  404: 'The link code does not exist (a plain page in Spanish that names nothing)',
  410: 'The link expired, was revoked, or its referral has closed',
};

export const LINK_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'openLinkPage',
    method: 'GET',
    path: '/r/{code}',
    handler: 'handlers/links/open',
    auth: 'public',
    roles: [],
    tableAccess: 'read-write',
    summary: "A contact officer's page for one referral, opened from the short link of a notice",
    description:
      'Server-rendered HTML without script. Before the device is verified: the reference, the service, the status and the deadline. After: the citizen (with their consent to share data with providers; the read is audited) and one form per answer the officer may give now.',
    tag: 'links',
    pathParams: LinkPath,
    successStatus: 200,
    page: { answers: { 200: 'The page', ...DEAD, 500: 'Unexpected error (a plain page; logged)' } },
  },
  {
    operationId: 'answerLinkPage',
    method: 'POST',
    path: '/r/{code}',
    handler: 'handlers/links/answer',
    auth: 'public',
    roles: [],
    tableAccess: 'read-write',
    workflowAccess: true,
    notifies: true,
    idempotencyExempt:
      'a form a person posts from a browser, which sends no Idempotency-Key: a repeated answer changes nothing and is told who answered and when (409), a repeated code is a spent code',
    summary:
      "A form of the contact officer's page: ask for a verification code, type it, or answer the referral",
    description:
      'Every post carries the page’s CSRF token and, from a browser, this origin; an answer needs a verified device (a 12-hour HttpOnly, Secure, SameSite=Lax session cookie) and goes through the same transition as POST /cantons/{cantonId}/referrals/{referralId}/transitions, audited as made via the link.',
    tag: 'links',
    pathParams: LinkPath,
    body: LinkForm,
    successStatus: 200,
    page: {
      answers: {
        200: 'The page again (a code was sent)',
        303: 'Done (verified, or the answer recorded): see the page again at Location',
        400: 'A wrong or expired code, or a form with a field missing or wrong (the form again with the field marked)',
        403: 'The post is not the page’s own (no CSRF token, another origin), or the device is not verified yet',
        ...DEAD,
        409: 'The referral was already answered: the page says by whom and when',
        413: 'The form is too large',
        415: 'The body is not a form (application/x-www-form-urlencoded)',
        429: 'Too many wrong codes (wait until the time shown), or a new code asked for too soon',
        500: 'Unexpected error (a plain page; logged)',
        503: 'The verification code could not be sent',
      },
    },
  },
];
