import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { LINK_CODE } from '#domain/link.js';
import { Timestamp } from '#model/time.js';
import { ReferralPath } from '../schemas/referral-path.js';
import { type RouteDefinition, routeIn } from '../route.js';

/**
 * The pages a short link opens (`/r/{code}`, domain/link.ts): public — the random code is the key, and for a
 * contact officer a verification code sent to their registered phone or e-mail guards the rest; a complainant's
 * link opens only their case's reply and its rating — and server-rendered HTML, so they appear in the document
 * with text/html answers and a form body.
 */
const LinkPath = z.object({
  code: withMeta(z.string().check(z.regex(LINK_CODE)), {
    description:
      'The link code of the notice: 11 letters and digits, random, one per recipient and referral (or per complaint reply)',
    example: '4fK9xQ2mZ7a',
  }),
});

const LinkForm = withMeta(
  z.catchall(
    z.object({
      csrf: withMeta(z.string(), {
        description: "The page's own token (hidden field); without it nothing changes",
      }),
      intent: withMeta(z.enum(['send-code', 'verify', 'act', 'rate', 'confirm']), {
        description:
          "send-code: send a verification code; verify: check one; act: answer the referral; rate: a complainant's rating of their case's reply; confirm: a citizen's answer to whether they received the service",
      }),
      answer: withMeta(z.optional(z.string()), {
        description: 'With confirm: confirmed (yes, received) or denied (no)',
      }),
      code: withMeta(z.optional(z.string()), { description: 'With verify: the 6-digit code received' }),
      action: withMeta(
        z.optional(z.enum(['acknowledge', 'accept', 'reject', 'start', 'hold', 'complete', 'fail'])),
        { description: 'With act: the answer' },
      ),
      reasonCode: withMeta(z.optional(z.string()), {
        description: 'With reject, hold and fail: the reason code',
      }),
      reasonText: withMeta(z.optional(z.string()), {
        description: 'The reason in words (required with "other")',
      }),
      rating: withMeta(z.optional(z.string()), {
        description:
          'With rate, and optionally with confirm (a service received): 1 (very unsatisfied) to 5 (very satisfied)',
      }),
      comment: withMeta(z.optional(z.string()), {
        description: 'With rate: an optional comment (at most 1000 characters)',
      }),
    }),
    z.string(),
  ),
  {
    description:
      'A form of the page. With complete, the counter-referral as cr.assisted (true/false), cr.outcome, cr.dateServed, cr.note, cr.reasonCode, cr.reasonText, and the protocol’s own fields as cf.<name>',
  },
);

const DEAD = {
  404: 'The link code does not exist (a plain page in Spanish that names nothing)',
  410: "The link expired, was revoked, or its referral has closed (a citizen's confirmation link: its referral is no longer completed)",
};

export const LinkRevocationBody = withMeta(
  z.strictObject({
    reason: withMeta(z.string().check(z.trim(), z.minLength(3), z.maxLength(500)), {
      description:
        'Why the links are revoked (a link sent to the wrong person, a phone lost); kept in the audit trail',
    }),
  }),
  { id: 'LinkRevocation' },
);

export const LinkRevocationView = withMeta(
  z.object({
    referralId: z.string(),
    revoked: withMeta(z.number().check(z.int()), {
      description: 'How many links were revoked now (0: none left to revoke)',
    }),
    at: Timestamp,
  }),
  { id: 'LinkRevocationResult' },
);

export const LINK_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'revokeReferralLinks',
    method: 'POST',
    path: '/cantons/{cantonId}/referrals/{referralId}/link-revocation',
    handler: 'handlers/links/revoke',
    auth: 'token',
    roles: ['swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    summary:
      "Revoke every short link of a referral (its contact officers', staff members' and citizen's): each then opens a plain 410 page",
    description:
      'Only the referring officer or a coordinator. Links also stop on their own: 30 days after their notice, and (a contact officer’s or staff member’s) when the referral closes. Later notices carry fresh links. Audited with the reason',
    tag: 'links',
    pathParams: ReferralPath,
    body: LinkRevocationBody,
    successStatus: 200,
    response: LinkRevocationView,
  },
  {
    operationId: 'openLinkPage',
    method: 'GET',
    path: '/r/{code}',
    handler: 'handlers/links/open',
    auth: 'public',
    roles: [],
    tableAccess: 'read-write',
    // The registry data the citizen consented to share with the provider; a completion's benefit.
    nationalIdKey: true,
    summary:
      "A contact officer's page for one referral, or a complainant's for their case, opened from a short link",
    description:
      "Server-rendered HTML without script. Before the device is verified: the reference, the service, the status and the deadline. After: the citizen (with their consent to share data with providers; the read is audited) and one form per answer the officer may give now. A complainant's link (sent with the reply of their case) shows the case's reference, status, decision and reply, and the form to rate the reply once; every view is audited.",
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
    // The registry data the citizen consented to share with the provider; a completion's benefit.
    nationalIdKey: true,
    answersReferralWorkflow: true,
    notifies: true,
    idempotencyExempt:
      'a form a person posts from a browser, which sends no Idempotency-Key: a repeated answer changes nothing and is told who answered and when (409), a repeated code is a spent code',
    summary:
      "A form of a link's page: ask for a verification code, type it, or answer the referral; or rate a complaint's reply",
    description:
      "Every post carries the page’s CSRF token and, from a browser, this origin; an answer needs a verified device (a 12-hour HttpOnly, Secure, SameSite=Lax session cookie) and goes through the same transition as POST /cantons/{cantonId}/referrals/{referralId}/transitions, audited as made via the link. A complainant's rating (intent rate) needs no verification and goes through the same use case as POST /cantons/{cantonId}/complaints/{complaintId}/satisfaction, once, audited as made via the link.",
    tag: 'links',
    pathParams: LinkPath,
    body: LinkForm,
    successStatus: 200,
    page: {
      answers: {
        200: "The page again (a code was sent), or the thank-you page of a citizen's confirmation",
        303: 'Done (verified, the answer or the rating recorded): see the page again at Location',
        400: 'A wrong or expired code, or a form with a field missing or wrong (the form again with the field marked)',
        403: 'The post is not the page’s own (no CSRF token, another origin), or the device is not verified yet',
        ...DEAD,
        409: "The referral was already answered: the page says by whom and when (a complaint: its reply was already rated, or has none to rate now; a citizen's confirmation: it was already answered)",
        413: 'The form is too large',
        415: 'The body is not a form (application/x-www-form-urlencoded)',
        429: 'Too many wrong codes (wait until the time shown), or a new code asked for too soon',
        500: 'Unexpected error (a plain page; logged)',
        503: 'The verification code could not be sent',
      },
    },
  },
];

export const linkRoute = routeIn(LINK_ROUTES);
