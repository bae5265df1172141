import { ulid } from '#kernel/ids.js';
import { badRequest } from '#kernel/errors.js';
import { clock } from '#kernel/clock.js';
import { httpHandler } from '#http/handler.js';
import { openComplaintRoute } from '#http/routes/complaints/open.js';
import type { OpenComplaintInput } from '#http/schemas/complaints.js';
import { complaintView } from '#http/views/complaints.js';
import { callerCanton } from '#app/tenancy.js';
import { concernedOrganization, deadlinesFor, newComplaintIds } from '#app/complaints/open.js';
import { COMPLAINT_CATEGORY, openComplaint } from '#domain/complaint.js';
import { concernedUnits } from '#domain/complaint-access.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { saveNewComplaint } from '#adapters/dynamodb/complaints-store.js';
import { complainantFileWrites } from '#app/complaints/complainant-file.js';

export const handler = httpHandler<{ cantonId: string }, unknown, OpenComplaintInput>(
  openComplaintRoute,
  async ({ caller, params, body, language }) => {
    const canton = await callerCanton(caller, params.cantonId);
    if (!canton.enabledCategories.includes(COMPLAINT_CATEGORY)) {
      throw badRequest('type', {
        es: `${canton.name} no tiene habilitada la categoría de quejas y reclamos`,
        en: `${canton.name} has not enabled the complaints category`,
      });
    }
    if (body.assigneeId && !canton.staff.some((s) => s.id === body.assigneeId)) {
      throw badRequest('assigneeId', {
        es: `"${body.assigneeId}" no es personal del cantón`,
        en: `"${body.assigneeId}" is not staff of the canton`,
      });
    }
    const organizationId = await concernedOrganization(canton, body.concerns);
    const now = clock.now();
    const ids = newComplaintIds();
    const { complaint, event } = openComplaint(body, {
      caller,
      ...ids,
      now: now.toISOString(),
      deadlines: await deadlinesFor(canton, body.type, now),
      provisionalId: () => `PRV-${ulid()}`,
      ...(organizationId ? { organizationId } : {}),
    });
    // A sensitive case is never owned by a member of a unit it is about.
    const about = concernedUnits(complaint, canton.units ?? []);
    const ownerOfUnit = (canton.units ?? []).find(
      (u) =>
        about.has(u.id) && complaint.assigneeId !== undefined && u.members.includes(complaint.assigneeId),
    );
    if (complaint.sensitive && ownerOfUnit) {
      throw badRequest('assigneeId', {
        es: `el caso es sobre la unidad "${ownerOfUnit.id}": no se asigna a sus miembros`,
        en: `the case is about unit "${ownerOfUnit.id}": it is not assigned to its members`,
      });
    }
    await saveNewComplaint(
      complaint,
      event,
      auditOf(
        caller,
        canton.id,
        'complaint.open',
        { type: 'complaint', id: complaint.complaintId },
        {
          at: complaint.createdAt,
        },
      ),
      await complainantFileWrites(complaint),
    );
    return {
      statusCode: 201,
      headers: { location: `/cantons/${canton.id}/complaints/${complaint.complaintId}` },
      body: complaintView(complaint, { caller, language, now, timeZone: canton.timeZone, history: [event] }),
    };
  },
);
