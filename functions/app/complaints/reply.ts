import { clock } from '#kernel/clock.js';
import { logger } from '#kernel/logger.js';
import type { Caller } from '#model/caller.js';
import { type Complaint, replyDelivered } from '#domain/complaint.js';
import { COMPLAINT_REPLY_KIND, complaintReplyEmail, complaintReplySms } from '#domain/complaint-reply.js';
import { parsePublicAddress, shortLink } from '#domain/public-address.js';
import { notify } from '#adapters/sns/notifier.js';
import { sesCitizenMailer } from '#adapters/ses/citizen-mail.js';
import { saveComplaint } from '#adapters/dynamodb/complaints-store.js';
import { issueComplaintLink } from '#adapters/dynamodb/links-store.js';

/**
 * Sends the reply of a case just resolved through the channel the citizen chose, and records whether it went out
 * (a reply given by phone or in person was recorded as given and sends nothing). The SMS carries the reference and
 * the complainant's own short link only (a fresh random code bound to the canton, the case and "the complainant",
 * valid 30 days: domain/link.ts, never the case's reference); the e-mail carries the reply and the same link, and
 * goes straight to the citizen's address through SES (the citizen has no subscription to the canton's topic, as
 * staff do: docs/decisions/email-delivery.md). A failed send — a stage with no identity to e-mail citizens from
 * among them — is recorded on the case (and by the notifier for the canton's alarm), never thrown: the decision
 * stands, and the call centre can give it by phone.
 */
export async function sendReply(complaint: Complaint, caller: Caller): Promise<Complaint> {
  const latest = complaint.resolutions.at(-1);
  if (!latest || latest.reply.delivery !== 'pending') return complaint;
  const address = parsePublicAddress(process.env.SWCS_PUBLIC_URL ?? '');
  const code = await issueComplaintLink(complaint.cantonId, complaint.complaintId, clock.now());
  const link = shortLink(address, code);
  const { channel, language, text } = latest.reply;
  const contact = complaint.contact;
  const result = await notify(
    {
      cantonId: complaint.cantonId,
      kind: COMPLAINT_REPLY_KIND,
      complaintId: complaint.complaintId,
      recipient: {
        id: `complaint.${complaint.complaintId}`,
        channel: channel === 'sms' ? 'sms' : 'email',
        ...(contact?.phone ? { phone: contact.phone } : {}),
        ...(contact?.email ? { email: contact.email } : {}),
        language,
        audience: 'citizen',
      },
      rendered:
        channel === 'sms'
          ? complaintReplySms(complaint.reference, link, language)
          : complaintReplyEmail(complaint.reference, link, text, language),
    },
    { citizenMail: sesCitizenMailer },
  );
  if (!result.delivered) {
    logger.warn('complaint reply not sent', { complaintId: complaint.complaintId, channel });
  }
  const change = replyDelivered(complaint, result.delivered ? 'sent' : 'failed', {
    caller,
    now: clock.now().toISOString(),
  });
  await saveComplaint(change.complaint, change.event);
  return change.complaint;
}
