import { clock } from '#kernel/clock.js';
import { notFound } from '#kernel/errors.js';
import { httpHandler } from '#http/handler.js';
import { followComplaintRoute } from '#http/routes/complaints/follow-up.js';
import { callerCanton } from '#app/tenancy.js';
import { nextDate } from '#domain/complaint-clock.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { findComplaint, findComplaintIdByReference } from '#adapters/dynamodb/complaints-store.js';

/**
 * What a citizen with a reference may be told, whoever they are (a complainant may be anonymous): the status and
 * the next date. Nothing else of the case leaves through this route, sensitive or not.
 */
export const handler = httpHandler<{ cantonId: string; reference: string }>(
  followComplaintRoute,
  async ({ caller, params }) => {
    const canton = await callerCanton(caller, params.cantonId);
    const id = await findComplaintIdByReference(canton.id, params.reference);
    const complaint = id ? await findComplaint(canton.id, id) : undefined;
    if (!complaint) {
      throw notFound({
        es: `No existe un caso con la referencia ${params.reference}`,
        en: `There is no case with reference ${params.reference}`,
      });
    }
    await recordAudit(
      auditOf(caller, canton.id, 'complaint.follow-up', { type: 'complaint', id: complaint.complaintId }),
    );
    const next = nextDate(complaint, clock.now());
    return {
      body: { reference: complaint.reference, status: complaint.status, ...(next ? { nextDate: next } : {}) },
    };
  },
);
