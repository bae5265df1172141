import { notFound } from '#kernel/errors.js';
import type { Caller } from '#model/caller.js';
import type { CantonDefinition } from '#domain/canton.js';
import { canSeeComplaint, unitContextIn } from '#domain/complaint-access.js';
import type { Complaint } from '#domain/complaint.js';
import { planSummary } from '#domain/plan.js';
import type { Language } from '#domain/taxonomy.js';
import { auditOf, recordAudit } from '#adapters/dynamodb/audit.js';
import { complaintRead } from '#adapters/dynamodb/complaints-store.js';
import { plansOfSubject } from '#adapters/dynamodb/plans-store.js';
import { referralsOfRequest } from '#adapters/dynamodb/referrals-store.js';
import { findHousehold, provisionalFileOf } from '#adapters/dynamodb/registry-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { requestRead } from '#adapters/dynamodb/requests-store.js';
import { readUnfoldedFile } from '../registry/citizen-file.js';

/**
 * The citizen's file (GSL's "ficha única"): everything the canton did with a household, over time — its plans and
 * their home visits, the requests of its members, their referrals, their complaints (a sensitive one only for who
 * may see it) and the benefits delivered locally — in one read, newest first, recorded in the audit trail before
 * it is shown, like a screening. A household of the Social Registry by its id, or a provisional identity.
 */
export interface FileEntry {
  readonly at: string;
  readonly type: 'plan' | 'home-visit' | 'request' | 'referral' | 'complaint' | 'benefit';
  readonly id: string;
  readonly reference?: string;
  readonly status?: string;
  readonly summary: string;
  readonly planId?: string;
  readonly requestId?: string;
}

export async function householdFile(
  caller: Caller,
  canton: CantonDefinition,
  subjectKey: string,
  language: Language,
) {
  const provisional = subjectKey.startsWith('PRV-');
  // A provisional identity's partition holds its benefits and the cases filed under it too: one Query.
  const provisionalFile = provisional ? await provisionalFileOf(canton.id, subjectKey) : undefined;
  const identity = provisionalFile?.identity;
  const household = provisional ? undefined : await findHousehold(subjectKey);
  if (!identity && !household) {
    throw notFound({
      es: `No existe el hogar o la identidad provisional ${subjectKey}`,
      en: `There is no household or provisional identity ${subjectKey}`,
    });
  }
  // Audited before anything is read out, as a screening is.
  await recordAudit(
    auditOf(caller, canton.id, 'citizen-file.read', {
      type: provisional ? 'provisional-identity' : 'household',
      id: subjectKey,
    }),
  );

  const files = await Promise.all(
    Object.values(household?.memberDigests ?? {}).map((digest) => readUnfoldedFile(canton.id, digest)),
  );
  // A provisional identity merged into a member is that member: its plans are the household's.
  const subjects = [subjectKey, ...files.flatMap((f) => f.mergedIdentities)];
  const requestIds = [...new Set([...files.flatMap((f) => f.requestIds), ...(identity?.requestIds ?? [])])];
  const complaintIds = [
    ...new Set([...files.flatMap((f) => f.complaintIds), ...(provisionalFile?.complaintIds ?? [])]),
  ];
  // Read by key together: one BatchGetItem (per 100) of the requests and of the cases filed under the members (and
  // their merged identities), rather than one GetItem each.
  const reads = new BatchReads();
  const filedComplaints = Promise.all(complaintIds.map((id) => reads.get(complaintRead(canton.id, id))));
  const requests = (await Promise.all(requestIds.map((id) => reads.get(requestRead(canton.id, id))))).filter(
    (r) => r !== undefined,
  );
  const referrals = (
    await Promise.all(requests.map((r) => referralsOfRequest(canton.id, r.requestId)))
  ).flat();
  const plans = (await Promise.all(subjects.map((key) => plansOfSubject(canton.id, key)))).flat();
  const benefits = [...files.flatMap((f) => f.benefits), ...(provisionalFile?.benefits ?? [])];
  const units = unitContextIn(canton, caller);
  // A sensitive case only for who may see it.
  const complaints = (await filedComplaints).filter(
    (c): c is Complaint => c !== undefined && canSeeComplaint(c, caller, units),
  );

  const entries: FileEntry[] = [
    ...plans.map((p): FileEntry => ({
      at: p.openedAt,
      type: 'plan',
      id: p.planId,
      reference: p.reference,
      status: p.status,
      summary: (() => {
        const s = planSummary(p, language);
        return language === 'es'
          ? `${s.total} acciones: ${s.counts.done} realizadas, ${s.counts.pending + s.counts['in-progress']} abiertas`
          : `${s.total} items: ${s.counts.done} done, ${s.counts.pending + s.counts['in-progress']} open`;
      })(),
    })),
    ...plans.flatMap((p) =>
      p.items
        .filter((i) => i.kind === 'home-visit')
        .map((i): FileEntry => ({
          at: `${String(i.data.scheduledOn)}T12:00:00.000Z`,
          type: 'home-visit',
          id: `${p.planId}#${i.number}`,
          planId: p.planId,
          status: i.status,
          summary: `${i.label[language]} · ${String(i.data.visitorId)}`,
        })),
    ),
    ...requests.map((r): FileEntry => ({
      at: r.createdAt,
      type: 'request',
      id: r.requestId,
      reference: r.reference,
      status: r.status,
      summary: r.classification ? `${r.classification.category}/${r.classification.subcategory}` : r.channel,
    })),
    ...referrals.map((r): FileEntry => ({
      at: r.createdAt,
      type: 'referral',
      id: r.referralId,
      reference: r.reference,
      status: r.status,
      requestId: r.requestId,
      summary: r.service.name,
    })),
    ...complaints.map((c): FileEntry => ({
      at: c.createdAt,
      type: 'complaint',
      id: c.complaintId,
      reference: c.reference,
      status: c.status,
      summary: c.type,
    })),
    ...[benefits].flatMap((list) =>
      list.map((b): FileEntry => ({
        ...(b.voided ? { status: 'voided' } : {}),
        at: `${b.deliveredOn}T12:00:00.000Z`,
        type: 'benefit',
        id: b.benefitId,
        summary: [
          b.program,
          b.kind === 'cash' && b.amount !== undefined ? `${b.amount.toFixed(2)} USD` : undefined,
        ]
          .filter(Boolean)
          .join(' · '),
      })),
    ),
  ].sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id));

  const counts = Object.fromEntries(
    (['plan', 'home-visit', 'request', 'referral', 'complaint', 'benefit'] as const).map((t) => [
      t,
      entries.filter((e) => e.type === t).length,
    ]),
  );
  return {
    subjectKey,
    kind: provisional ? ('provisional-identity' as const) : ('household' as const),
    counts,
    entries,
  };
}
