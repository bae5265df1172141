import type { CantonDefinition } from '#domain/canton.js';

/**
 * Key builders for the single table (docs/data-model.md lists every access pattern). Every partition key starts
 * with `C#<cantonId>` so that one canton's items can never be addressed through another canton's key, and so that
 * a DynamoDB LeadingKeys condition can fence a canton in. No personal identifier appears in any key.
 */
const prefix = (cantonId: string) => `C#${cantonId}`;

/** The canton's registration (its validated definition). */
export const canton = (cantonId: string) => ({ PK: prefix(cantonId), SK: 'CANTON' });

/** A request and its events share one item collection: one Query returns both. */
export const request = (cantonId: string, requestId: string) => ({
  PK: `${prefix(cantonId)}#REQ#${requestId}`,
  SK: 'REQUEST',
});
export const requestEvent = (cantonId: string, requestId: string, version: number) => ({
  PK: `${prefix(cantonId)}#REQ#${requestId}`,
  SK: `EVENT#${String(version).padStart(6, '0')}`,
});
export const requestCollection = (cantonId: string, requestId: string) =>
  `${prefix(cantonId)}#REQ#${requestId}`;

/** Request list indexes; the sort key is `<createdAt>#<requestId>` so pages come newest first. */
export const requestsAll = (cantonId: string) => `${prefix(cantonId)}#REQUESTS`;
export const requestsByStatus = (cantonId: string, status: string) =>
  `${prefix(cantonId)}#REQUESTS#STATUS#${status}`;
export const requestsByCategory = (cantonId: string, category: string) =>
  `${prefix(cantonId)}#REQUESTS#CATEGORY#${category}`;
export const requestsByOfficer = (cantonId: string, officerId: string) =>
  `${prefix(cantonId)}#REQUESTS#OFFICER#${officerId}`;
export const requestListSort = (createdAt: string, requestId: string) => `${createdAt}#${requestId}`;

/** Catalogue: organizations and services, each with its events in its own item collection. */
export const organization = (cantonId: string, organizationId: string) => ({
  PK: `${prefix(cantonId)}#ORG#${organizationId}`,
  SK: 'ORGANIZATION',
});
export const organizationCollection = (cantonId: string, organizationId: string) =>
  `${prefix(cantonId)}#ORG#${organizationId}`;
export const organizationsAll = (cantonId: string) => `${prefix(cantonId)}#ORGANIZATIONS`;
export const service = (cantonId: string, serviceId: string) => ({
  PK: `${prefix(cantonId)}#SVC#${serviceId}`,
  SK: 'SERVICE',
});
export const serviceCollection = (cantonId: string, serviceId: string) =>
  `${prefix(cantonId)}#SVC#${serviceId}`;
export const servicesAll = (cantonId: string) => `${prefix(cantonId)}#SERVICES`;
/** Events of any record with a history share this sort key shape, numbered by version. */
export const eventOf = (collection: string, version: number) => ({
  PK: collection,
  SK: `EVENT#${String(version).padStart(6, '0')}`,
});

/** Protocols: every published version of one canton's protocol for a subcategory shares a partition. */
export const protocol = (cantonId: string, category: string, subcategory: string) =>
  `${prefix(cantonId)}#PROTOCOL#${category}#${subcategory}`;
export const protocolVersion = (
  cantonId: string,
  category: string,
  subcategory: string,
  version: number,
) => ({
  PK: `${prefix(cantonId)}#PROTOCOL#${category}#${subcategory}`,
  SK: `VERSION#${String(version).padStart(6, '0')}`,
});
export const protocolsAll = (cantonId: string) => `${prefix(cantonId)}#PROTOCOLS`;

/** Referrals live in the requesting canton; each is an item collection with its events. */
export const referral = (cantonId: string, referralId: string) => ({
  PK: `${prefix(cantonId)}#REF#${referralId}`,
  SK: 'REFERRAL',
});
export const referralCollection = (cantonId: string, referralId: string) =>
  `${prefix(cantonId)}#REF#${referralId}`;
/** GSI1: a request's referrals. */
export const referralsOfRequest = (cantonId: string, requestId: string) =>
  `${prefix(cantonId)}#REFERRALS#REQ#${requestId}`;
/** GSI2: a provider's inbox, sorted by status then time. */
export const providerInbox = (cantonId: string, organizationId: string) =>
  `${prefix(cantonId)}#INBOX#${organizationId}`;
/** GSI3: the canton's open referrals by their current deadline (sparse: terminal referrals leave it). */
export const openReferrals = (cantonId: string) => `${prefix(cantonId)}#REFERRALS#OPEN`;
/** A completed referral's question to its citizen ("did you receive the service?"), in the referral's collection. */
export const citizenConfirmation = (cantonId: string, referralId: string) => ({
  PK: `${prefix(cantonId)}#REF#${referralId}`,
  SK: 'CONFIRMATION',
});
/** GSI1: the canton's closures to confirm, by when an operator should call (sparse: answered ones leave it). */
export const closuresToConfirm = (cantonId: string) => `${prefix(cantonId)}#CLOSURES-TO-CONFIRM`;

/**
 * A request escalated to the national single window: a link in the national partition to the canton's request
 * (which stays where it is, with its one history). GSI1 lists the national inbox of escalations.
 */
export const escalation = (originCantonId: string, requestId: string) => ({
  PK: `${prefix('national')}#ESCALATION#${originCantonId}#${requestId}`,
  SK: 'ESCALATION',
});
export const escalationsAll = () => `${prefix('national')}#ESCALATIONS`;

/**
 * What the canton's seed catalogue last applied: one item with the seed file's digest, and one per seeded record
 * with the content the seed gave it, so that a changed seed can tell its own changes from live ones.
 */
export const seedLedger = (cantonId: string) => `${prefix(cantonId)}#SEED`;

/** A catalogue import job and the chunks of records staged for it share one item collection. */
export const importJob = (cantonId: string, jobId: string) => ({
  PK: `${prefix(cantonId)}#IMPORT#${jobId}`,
  SK: 'JOB',
});
export const importChunk = (cantonId: string, jobId: string, index: number) => ({
  PK: `${prefix(cantonId)}#IMPORT#${jobId}`,
  SK: `CHUNK#${String(index).padStart(6, '0')}`,
});
/** GSI1: the canton's import jobs still queued or running (sparse: a finished job leaves it). */
export const openImportJobs = (cantonId: string) => `${prefix(cantonId)}#IMPORTS#OPEN`;

/**
 * The one referral of a request to a service that may be active: written with the referral, removed when it ends,
 * so a second one cannot be made even by a concurrent call.
 */
export const activeReferral = (
  cantonId: string,
  requestCantonId: string,
  requestId: string,
  serviceId: string,
) => ({
  PK: `${prefix(cantonId)}#ACTIVE-REFERRAL#${requestCantonId}#${requestId}#${serviceId}`,
  SK: 'ACTIVE-REFERRAL',
});

/**
 * A client's idempotency key, scoped to the caller's canton and the caller: `digest` hashes the caller and the
 * key, so the client's string (which may be anything) never appears in a key.
 */
export const idempotencyKey = (cantonId: string, digest: string) => ({
  PK: `${prefix(cantonId)}#IDEMPOTENCY#${digest}`,
  SK: 'IDEMPOTENCY',
});

/**
 * The social registry is national (the Registro Social): households and the lookup of a member by the keyed
 * digest of their national ID (never the ID itself; see domain/registry-identity.ts).
 */
export const registryHousehold = (householdId: string) => ({
  PK: `${prefix('national')}#REGISTRY#HH#${householdId}`,
  SK: 'HOUSEHOLD',
});
export const registryPerson = (digest: string) => ({
  PK: `${prefix('national')}#REGISTRY#PERSON#${digest}`,
  SK: 'PERSON',
});
/**
 * A citizen's file in one canton, by the digest of their national ID: benefits delivered locally, who screened
 * them, and links to their requests.
 */
export const citizenFile = (cantonId: string, digest: string) => `${prefix(cantonId)}#CITIZEN#${digest}`;
/** An information-update (change) request of a household's registry data, made in a canton. */
export const registryChange = (cantonId: string, changeId: string) => ({
  PK: `${prefix(cantonId)}#REGCHANGE#${changeId}`,
  SK: 'CHANGE-REQUEST',
});
/**
 * Attention without ID: a provisional identity and the requests recorded under it; GSI1 lists a canton's, to
 * search them by name, birth year and phone in memory (those never appear in a key).
 */
export const provisionalIdentity = (cantonId: string, provisionalId: string) => ({
  PK: `${prefix(cantonId)}#PROVISIONAL#${provisionalId}`,
  SK: 'IDENTITY',
});
export const provisionalIdentities = (cantonId: string) => `${prefix(cantonId)}#PROVISIONALS`;
/** The digest of the demo registry file last seeded in full (apart from the catalogue's seed ledger). */
export const registrySeed = () => ({ PK: `${prefix('national')}#REGISTRY-SEED`, SK: 'REGISTRY' });
/** The approved changes a canton queued for the national registry, oldest first. */
export const registryOutbox = (cantonId: string) => `${prefix(cantonId)}#REGISTRY-OUTBOX`;
/**
 * A workflow execution to start, written in the transaction that makes it due (adapters/dynamodb/workflow-starts.ts);
 * one partition per execution, since only the table's stream reads it. Its `entity`, which the stream's filter
 * selects, is here with the key so that the stack and the local runtime can name it without loading the store.
 */
export const WORKFLOW_START_ENTITY = 'workflow-start';
export const workflowStart = (cantonId: string, executionName: string) => ({
  PK: `${prefix(cantonId)}#WORKFLOW-START#${executionName}`,
  SK: 'START',
});
/**
 * A short link (a contact officer's, or a complainant's to their case), found by the SHA-256 of its code — the
 * one key that does not start with the canton: the code is all a phone brings, and it names no canton. The item
 * names its canton, referral (or case) and recipient; the hash reveals nothing and the code behind it cannot
 * be guessed (docs/decisions/short-links.md).
 */
export const link = (codeHash: string) => ({ PK: `LINK#${codeHash}`, SK: 'LINK' });
/** GSI1: the links issued for one referral (its officers', staff's and citizen's), to revoke them together. */
export const linksOfReferral = (cantonId: string, referralId: string) =>
  `${prefix(cantonId)}#LINKS#REF#${referralId}`;
/** The verification code last sent to a link's recipient: one per recipient, whichever link asked for it. */
export const linkVerification = (cantonId: string, recipientId: string) => ({
  PK: `${prefix(cantonId)}#LINK-RECIPIENT#${recipientId}`,
  SK: 'VERIFICATION',
});
/** A verified device's session, found by the SHA-256 of its cookie. */
export const linkSession = (cantonId: string, sessionHash: string) => ({
  PK: `${prefix(cantonId)}#LINK-SESSION#${sessionHash}`,
  SK: 'SESSION',
});
/** A complaint case (PQSSF) and its events share one item collection; its activities live on the case. */
export const complaint = (cantonId: string, complaintId: string) => ({
  PK: `${prefix(cantonId)}#CMP#${complaintId}`,
  SK: 'COMPLAINT',
});
export const complaintCollection = (cantonId: string, complaintId: string) =>
  `${prefix(cantonId)}#CMP#${complaintId}`;
/** GSI1: the canton's complaints, `<createdAt>#<complaintId>`, for lists and the managers' views. */
export const complaintsAll = (cantonId: string) => `${prefix(cantonId)}#COMPLAINTS`;
/** A complaint's reference (what an anonymous complainant holds) leads to its id; written once. */
export const complaintReference = (cantonId: string, reference: string) => ({
  PK: `${prefix(cantonId)}#CMP-REF#${reference}`,
  SK: 'CMP-REF',
});
/** The one complaint case a request opened, so that reclassifying it does not open a second. */
export const complaintOfRequest = (cantonId: string, requestId: string) => ({
  PK: `${prefix(cantonId)}#CMP-REQ#${requestId}`,
  SK: 'CMP-REQ',
});
/** The task token of the wait a case's clock is in (workflows/complaint-clock.ts); in the case's collection. */
export const complaintClockToken = (cantonId: string, complaintId: string) => ({
  PK: `${prefix(cantonId)}#CMP#${complaintId}`,
  SK: 'CLOCK-TOKEN',
});
/** How many complaints name a provider; GSI1 lists the canton's counters. */
export const providerComplaints = (cantonId: string, organizationId: string) => ({
  PK: `${prefix(cantonId)}#PROVIDER-COMPLAINTS#${organizationId}`,
  SK: 'COUNT',
});
export const providerComplaintsAll = (cantonId: string) => `${prefix(cantonId)}#PROVIDER-COMPLAINTS`;
/** GSI2 and GSI3 of a case: the canton's cases of one status, of one type, `<createdAt>#<complaintId>`. */
export const complaintsByStatus = (cantonId: string, status: string) =>
  `${prefix(cantonId)}#COMPLAINTS#STATUS#${status}`;
export const complaintsByType = (cantonId: string, type: string) =>
  `${prefix(cantonId)}#COMPLAINTS#TYPE#${type}`;
export const complaintListSort = (createdAt: string, complaintId: string) => `${createdAt}#${complaintId}`;
/**
 * The open-case index: one small entry per case not resolved, in the case's collection, listed on GSI4 by when
 * its running clock is breached, `<breachAt>#<complaintId>` (the state is read from the instants, not stored).
 */
export const complaintOpenEntry = (cantonId: string, complaintId: string) => ({
  PK: `${prefix(cantonId)}#CMP#${complaintId}`,
  SK: 'OPEN',
});
export const complaintsOpen = (cantonId: string) => `${prefix(cantonId)}#COMPLAINTS#OPEN`;
export const complaintOpenSort = (breachAt: string, complaintId: string) => `${breachAt}#${complaintId}`;
/**
 * A case under one of its assignees — `p#<staff id>` or `u#<canton|national>#<unit id>` — in its collection;
 * GSI1 lists an assignee's cases, `<createdAt>#<complaintId>`.
 */
export const complaintAssigneeEntry = (cantonId: string, complaintId: string, assignee: string) => ({
  PK: `${prefix(cantonId)}#CMP#${complaintId}`,
  SK: `ASSIGNEE#${assignee}`,
});
export const complaintsOfAssignee = (cantonId: string, assignee: string) =>
  `${prefix(cantonId)}#COMPLAINTS#ASSIGNEE#${assignee}`;
/** An open activity of a case, in its collection; GSI4 lists the canton's by due day, `<dueDate>#<id>#<nn>`. */
export const complaintActivityEntry = (cantonId: string, complaintId: string, activityNumber: number) => ({
  PK: `${prefix(cantonId)}#CMP#${complaintId}`,
  SK: `ACTIVITY#${String(activityNumber).padStart(2, '0')}`,
});
export const complaintActivitiesDue = (cantonId: string) => `${prefix(cantonId)}#COMPLAINTS#ACTIVITIES-DUE`;
export const complaintActivitySort = (dueDate: string, complaintId: string, activityNumber: number) =>
  `${dueDate}#${complaintId}#${String(activityNumber).padStart(2, '0')}`;
/**
 * The managers' figures, kept as cases are first resolved and rated: `RESOLVED#<type>#<shard>` and
 * `RATINGS#<shard>` in one partition, a few shards per counter so that no single item takes every write.
 */
export const complaintFigures = (cantonId: string, counter: string, shard: number) => ({
  PK: `${prefix(cantonId)}#COMPLAINT-FIGURES`,
  SK: `${counter}#${shard}`,
});
export const complaintFiguresAll = (cantonId: string) => `${prefix(cantonId)}#COMPLAINT-FIGURES`;

/**
 * A social report and its events share one item collection; GSI1 lists a household's reports in the canton,
 * `<createdAt>#<reportId>`. The household id is the registry's opaque id, never a national ID.
 */
export const socialReport = (cantonId: string, reportId: string) => ({
  PK: `${prefix(cantonId)}#SREP#${reportId}`,
  SK: 'SOCIAL-REPORT',
});
export const socialReportCollection = (cantonId: string, reportId: string) =>
  `${prefix(cantonId)}#SREP#${reportId}`;
export const householdSocialReports = (cantonId: string, householdId: string) =>
  `${prefix(cantonId)}#SREPORTS#HH#${householdId}`;
/** Casework: a plan's cart (until checkout), and a plan with its events in one item collection. */
export const planCart = (cantonId: string, cartId: string) => ({
  PK: `${prefix(cantonId)}#PLANCART#${cartId}`,
  SK: 'CART',
});
export const plan = (cantonId: string, planId: string) => ({
  PK: `${prefix(cantonId)}#PLAN#${planId}`,
  SK: 'PLAN',
});
export const planCollection = (cantonId: string, planId: string) => `${prefix(cantonId)}#PLAN#${planId}`;
/** GSI1: the canton's plans, `<openedAt>#<planId>`; GSI2: a household's (or provisional identity's) plans. */
export const plansAll = (cantonId: string) => `${prefix(cantonId)}#PLANS`;
export const plansOfSubject = (cantonId: string, subjectKey: string) =>
  `${prefix(cantonId)}#PLANS#OF#${subjectKey}`;
/** GSI3: the canton's plans in one status (open, closed), `<openedAt>#<planId>`, so a filtered list pages true. */
export const plansInStatus = (cantonId: string, status: string) =>
  `${prefix(cantonId)}#PLANS#STATUS#${status}`;
/** The plan item a referral or a change request carries out, found from that record when it moves. */
export const planItemLink = (cantonId: string, record: 'referral' | 'registry-change', recordId: string) => ({
  PK: `${prefix(cantonId)}#PLAN-LINK#${record}#${recordId}`,
  SK: 'PLAN-LINK',
});
/** A home visit of a plan; GSI1 lists a visitor's, `<scheduledOn>#<planId>#<item>`, by date. */
export const homeVisit = (cantonId: string, planId: string, item: number) => ({
  PK: `${prefix(cantonId)}#VISIT#${planId}#${item}`,
  SK: 'VISIT',
});
export const visitsOf = (cantonId: string, visitorId: string) => `${prefix(cantonId)}#VISITS#${visitorId}`;

/** The audit trail: one partition per canton and day, sorted by time. */
export const audit = (cantonId: string, at: string, id: string) => ({
  PK: `${prefix(cantonId)}#AUDIT#${at.slice(0, 10)}`,
  SK: `${at}#${id}`,
});

/** The item that registers a canton; written by the Canton stack on AWS and by `npm start` locally. */
export function cantonRegistrationItem(definition: CantonDefinition, registeredAt: string) {
  return {
    ...canton(definition.id),
    entity: 'canton',
    definition,
    registeredAt,
  };
}
