import type { CantonDefinition } from '#domain/canton.js';

/**
 * Key builders for the single table (docs/data-model.md lists every access pattern). Every partition key starts
 * with `C#<cantonId>` so that one canton's items can never be addressed through another canton's key, and so that
 * a DynamoDB LeadingKeys condition can fence a canton in. No personal identifier appears in any key.
 */
const canton = (cantonId: string) => `C#${cantonId}`;

export const keys = {
  /** The canton's registration (its validated definition). */
  canton: (cantonId: string) => ({ PK: canton(cantonId), SK: 'CANTON' }),

  /** A request and its events share one item collection: one Query returns both. */
  request: (cantonId: string, requestId: string) => ({
    PK: `${canton(cantonId)}#REQ#${requestId}`,
    SK: 'REQUEST',
  }),
  requestEvent: (cantonId: string, requestId: string, version: number) => ({
    PK: `${canton(cantonId)}#REQ#${requestId}`,
    SK: `EVENT#${String(version).padStart(6, '0')}`,
  }),
  requestCollection: (cantonId: string, requestId: string) => `${canton(cantonId)}#REQ#${requestId}`,

  /** Request list indexes; the sort key is `<createdAt>#<requestId>` so pages come newest first. */
  requestsAll: (cantonId: string) => `${canton(cantonId)}#REQUESTS`,
  requestsByStatus: (cantonId: string, status: string) => `${canton(cantonId)}#REQUESTS#STATUS#${status}`,
  requestsByCategory: (cantonId: string, category: string) =>
    `${canton(cantonId)}#REQUESTS#CATEGORY#${category}`,
  requestsByOfficer: (cantonId: string, officerId: string) =>
    `${canton(cantonId)}#REQUESTS#OFFICER#${officerId}`,
  requestListSort: (createdAt: string, requestId: string) => `${createdAt}#${requestId}`,

  /** Catalogue: organizations and services, each with its events in its own item collection. */
  organization: (cantonId: string, organizationId: string) => ({
    PK: `${canton(cantonId)}#ORG#${organizationId}`,
    SK: 'ORGANIZATION',
  }),
  organizationCollection: (cantonId: string, organizationId: string) =>
    `${canton(cantonId)}#ORG#${organizationId}`,
  organizationsAll: (cantonId: string) => `${canton(cantonId)}#ORGANIZATIONS`,
  service: (cantonId: string, serviceId: string) => ({
    PK: `${canton(cantonId)}#SVC#${serviceId}`,
    SK: 'SERVICE',
  }),
  serviceCollection: (cantonId: string, serviceId: string) => `${canton(cantonId)}#SVC#${serviceId}`,
  servicesAll: (cantonId: string) => `${canton(cantonId)}#SERVICES`,
  /** Events of any record with a history share this sort key shape, numbered by version. */
  eventOf: (collection: string, version: number) => ({
    PK: collection,
    SK: `EVENT#${String(version).padStart(6, '0')}`,
  }),

  /** Protocols: every published version of one canton's protocol for a subcategory shares a partition. */
  protocol: (cantonId: string, category: string, subcategory: string) =>
    `${canton(cantonId)}#PROTOCOL#${category}#${subcategory}`,
  protocolVersion: (cantonId: string, category: string, subcategory: string, version: number) => ({
    PK: `${canton(cantonId)}#PROTOCOL#${category}#${subcategory}`,
    SK: `VERSION#${String(version).padStart(6, '0')}`,
  }),
  protocolsAll: (cantonId: string) => `${canton(cantonId)}#PROTOCOLS`,

  /** Referrals live in the requesting canton; each is an item collection with its events. */
  referral: (cantonId: string, referralId: string) => ({
    PK: `${canton(cantonId)}#REF#${referralId}`,
    SK: 'REFERRAL',
  }),
  referralCollection: (cantonId: string, referralId: string) => `${canton(cantonId)}#REF#${referralId}`,
  /** GSI1: a request's referrals. */
  referralsOfRequest: (cantonId: string, requestId: string) =>
    `${canton(cantonId)}#REFERRALS#REQ#${requestId}`,
  /** GSI2: a provider's inbox, sorted by status then time. */
  providerInbox: (cantonId: string, organizationId: string) => `${canton(cantonId)}#INBOX#${organizationId}`,
  /** GSI3: the canton's open referrals by their current deadline (sparse: terminal referrals leave it). */
  openReferrals: (cantonId: string) => `${canton(cantonId)}#REFERRALS#OPEN`,
  /** A completed referral's question to its citizen ("did you receive the service?"), in the referral's collection. */
  citizenConfirmation: (cantonId: string, referralId: string) => ({
    PK: `${canton(cantonId)}#REF#${referralId}`,
    SK: 'CONFIRMATION',
  }),
  /** GSI1: the canton's closures to confirm, by when an operator should call (sparse: answered ones leave it). */
  closuresToConfirm: (cantonId: string) => `${canton(cantonId)}#CLOSURES-TO-CONFIRM`,

  /**
   * A request escalated to the national single window: a link in the national partition to the canton's request
   * (which stays where it is, with its one history). GSI1 lists the national inbox of escalations.
   */
  escalation: (originCantonId: string, requestId: string) => ({
    PK: `${canton('national')}#ESCALATION#${originCantonId}#${requestId}`,
    SK: 'ESCALATION',
  }),
  escalationsAll: () => `${canton('national')}#ESCALATIONS`,

  /**
   * What the canton's seed catalogue last applied: one item with the seed file's digest, and one per seeded record
   * with the content the seed gave it, so that a changed seed can tell its own changes from live ones.
   */
  seedLedger: (cantonId: string) => `${canton(cantonId)}#SEED`,

  /** A catalogue import job and the chunks of records staged for it share one item collection. */
  importJob: (cantonId: string, jobId: string) => ({
    PK: `${canton(cantonId)}#IMPORT#${jobId}`,
    SK: 'JOB',
  }),
  importChunk: (cantonId: string, jobId: string, index: number) => ({
    PK: `${canton(cantonId)}#IMPORT#${jobId}`,
    SK: `CHUNK#${String(index).padStart(6, '0')}`,
  }),
  /** GSI1: the canton's import jobs still queued or running (sparse: a finished job leaves it). */
  openImportJobs: (cantonId: string) => `${canton(cantonId)}#IMPORTS#OPEN`,

  /**
   * The one referral of a request to a service that may be active: written with the referral, removed when it ends,
   * so a second one cannot be made even by a concurrent call.
   */
  activeReferral: (cantonId: string, requestCantonId: string, requestId: string, serviceId: string) => ({
    PK: `${canton(cantonId)}#ACTIVE-REFERRAL#${requestCantonId}#${requestId}#${serviceId}`,
    SK: 'ACTIVE-REFERRAL',
  }),

  /**
   * A client's idempotency key, scoped to the caller's canton and the caller: `digest` hashes the caller and the
   * key, so the client's string (which may be anything) never appears in a key.
   */
  idempotencyKey: (cantonId: string, digest: string) => ({
    PK: `${canton(cantonId)}#IDEMPOTENCY#${digest}`,
    SK: 'IDEMPOTENCY',
  }),

  /**
   * The social registry is national (the Registro Social): households and the lookup of a member by the keyed
   * digest of their national ID (never the ID itself; see domain/registry-identity.ts).
   */
  registryHousehold: (householdId: string) => ({
    PK: `${canton('national')}#REGISTRY#HH#${householdId}`,
    SK: 'HOUSEHOLD',
  }),
  registryPerson: (digest: string) => ({
    PK: `${canton('national')}#REGISTRY#PERSON#${digest}`,
    SK: 'PERSON',
  }),
  /**
   * A citizen's file in one canton, by the digest of their national ID: benefits delivered locally, who screened
   * them, and links to their requests.
   */
  citizenFile: (cantonId: string, digest: string) => `${canton(cantonId)}#CITIZEN#${digest}`,
  /** An information-update (change) request of a household's registry data, made in a canton. */
  registryChange: (cantonId: string, changeId: string) => ({
    PK: `${canton(cantonId)}#REGCHANGE#${changeId}`,
    SK: 'CHANGE-REQUEST',
  }),
  /**
   * Attention without ID: a provisional identity and the requests recorded under it; GSI1 lists a canton's, to
   * search them by name, birth year and phone in memory (those never appear in a key).
   */
  provisionalIdentity: (cantonId: string, provisionalId: string) => ({
    PK: `${canton(cantonId)}#PROVISIONAL#${provisionalId}`,
    SK: 'IDENTITY',
  }),
  provisionalIdentities: (cantonId: string) => `${canton(cantonId)}#PROVISIONALS`,
  /** The digest of the demo registry file last seeded in full (apart from the catalogue's seed ledger). */
  registrySeed: () => ({ PK: `${canton('national')}#REGISTRY-SEED`, SK: 'REGISTRY' }),
  /** The approved changes a canton queued for the national registry, oldest first. */
  registryOutbox: (cantonId: string) => `${canton(cantonId)}#REGISTRY-OUTBOX`,
  /**
   * A short link (a contact officer's, or a complainant's to their case), found by the SHA-256 of its code — the
   * one key that does not start with the canton: the code is all a phone brings, and it names no canton. The item
   * names its canton, referral (or case) and recipient; the hash reveals nothing and the code behind it cannot
   * be guessed (docs/decisions/short-links.md).
   */
  link: (codeHash: string) => ({ PK: `LINK#${codeHash}`, SK: 'LINK' }),
  /** GSI1: the links issued for one referral (its officers', staff's and citizen's), to revoke them together. */
  linksOfReferral: (cantonId: string, referralId: string) => `${canton(cantonId)}#LINKS#REF#${referralId}`,
  /** The verification code last sent to a link's recipient: one per recipient, whichever link asked for it. */
  linkVerification: (cantonId: string, recipientId: string) => ({
    PK: `${canton(cantonId)}#LINK-RECIPIENT#${recipientId}`,
    SK: 'VERIFICATION',
  }),
  /** A verified device's session, found by the SHA-256 of its cookie. */
  linkSession: (cantonId: string, sessionHash: string) => ({
    PK: `${canton(cantonId)}#LINK-SESSION#${sessionHash}`,
    SK: 'SESSION',
  }),
  /** A complaint case (PQSSF) and its events share one item collection; its activities live on the case. */
  complaint: (cantonId: string, complaintId: string) => ({
    PK: `${canton(cantonId)}#CMP#${complaintId}`,
    SK: 'COMPLAINT',
  }),
  complaintCollection: (cantonId: string, complaintId: string) => `${canton(cantonId)}#CMP#${complaintId}`,
  /** GSI1: the canton's complaints, `<createdAt>#<complaintId>`, for lists and the managers' views. */
  complaintsAll: (cantonId: string) => `${canton(cantonId)}#COMPLAINTS`,
  /** A complaint's reference (what an anonymous complainant holds) leads to its id; written once. */
  complaintReference: (cantonId: string, reference: string) => ({
    PK: `${canton(cantonId)}#CMP-REF#${reference}`,
    SK: 'CMP-REF',
  }),
  /** The one complaint case a request opened, so that reclassifying it does not open a second. */
  complaintOfRequest: (cantonId: string, requestId: string) => ({
    PK: `${canton(cantonId)}#CMP-REQ#${requestId}`,
    SK: 'CMP-REQ',
  }),
  /** The task token of the wait a case's clock is in (workflows/complaint-clock.ts); in the case's collection. */
  complaintClockToken: (cantonId: string, complaintId: string) => ({
    PK: `${canton(cantonId)}#CMP#${complaintId}`,
    SK: 'CLOCK-TOKEN',
  }),
  /** How many complaints name a provider; GSI1 lists the canton's counters. */
  providerComplaints: (cantonId: string, organizationId: string) => ({
    PK: `${canton(cantonId)}#PROVIDER-COMPLAINTS#${organizationId}`,
    SK: 'COUNT',
  }),
  providerComplaintsAll: (cantonId: string) => `${canton(cantonId)}#PROVIDER-COMPLAINTS`,

  /**
   * A social report and its events share one item collection; GSI1 lists a household's reports in the canton,
   * `<createdAt>#<reportId>`. The household id is the registry's opaque id, never a national ID.
   */
  socialReport: (cantonId: string, reportId: string) => ({
    PK: `${canton(cantonId)}#SREP#${reportId}`,
    SK: 'SOCIAL-REPORT',
  }),
  socialReportCollection: (cantonId: string, reportId: string) => `${canton(cantonId)}#SREP#${reportId}`,
  householdSocialReports: (cantonId: string, householdId: string) =>
    `${canton(cantonId)}#SREPORTS#HH#${householdId}`,
  /** Casework: a plan's cart (until checkout), and a plan with its events in one item collection. */
  planCart: (cantonId: string, cartId: string) => ({
    PK: `${canton(cantonId)}#PLANCART#${cartId}`,
    SK: 'CART',
  }),
  plan: (cantonId: string, planId: string) => ({ PK: `${canton(cantonId)}#PLAN#${planId}`, SK: 'PLAN' }),
  planCollection: (cantonId: string, planId: string) => `${canton(cantonId)}#PLAN#${planId}`,
  /** GSI1: the canton's plans, `<openedAt>#<planId>`; GSI2: a household's (or provisional identity's) plans. */
  plansAll: (cantonId: string) => `${canton(cantonId)}#PLANS`,
  plansOfSubject: (cantonId: string, subjectKey: string) => `${canton(cantonId)}#PLANS#OF#${subjectKey}`,
  /** GSI3: the canton's plans in one status (open, closed), `<openedAt>#<planId>`, so a filtered list pages true. */
  plansInStatus: (cantonId: string, status: string) => `${canton(cantonId)}#PLANS#STATUS#${status}`,
  /** The plan item a referral or a change request carries out, found from that record when it moves. */
  planItemLink: (cantonId: string, record: 'referral' | 'registry-change', recordId: string) => ({
    PK: `${canton(cantonId)}#PLAN-LINK#${record}#${recordId}`,
    SK: 'PLAN-LINK',
  }),
  /** A home visit of a plan; GSI1 lists a visitor's, `<scheduledOn>#<planId>#<item>`, by date. */
  homeVisit: (cantonId: string, planId: string, item: number) => ({
    PK: `${canton(cantonId)}#VISIT#${planId}#${item}`,
    SK: 'VISIT',
  }),
  visitsOf: (cantonId: string, visitorId: string) => `${canton(cantonId)}#VISITS#${visitorId}`,

  /** The audit trail: one partition per canton and day, sorted by time. */
  audit: (cantonId: string, at: string, id: string) => ({
    PK: `${canton(cantonId)}#AUDIT#${at.slice(0, 10)}`,
    SK: `${at}#${id}`,
  }),
} as const;

/** The item that registers a canton; written by the Canton stack on AWS and by `npm start` locally. */
export function cantonRegistrationItem(definition: CantonDefinition, registeredAt: string) {
  return {
    ...keys.canton(definition.id),
    entity: 'canton',
    definition,
    registeredAt,
  };
}
