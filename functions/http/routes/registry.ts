import { type RouteDefinition, routeIn } from '../route.js';
import {
  CantonPath,
  ChangeRequestBody,
  ChangeRequestPath,
  ChangeRequestView,
  DecisionBody,
  MergeBody,
  ProvisionalIdentityView,
  ProvisionalPath,
  ProvisionalSearchAnswer,
  ProvisionalSearchBody,
  UnmergeBody,
  HouseholdBatchAnswer,
  HouseholdBatchBody,
  LocalBenefitBody,
  LocalBenefitView,
  ScreeningAnswer,
  ScreeningBody,
} from '../schemas/registry.js';
import { SharingConsentBody, SharingConsentView } from '../schemas/registry-share.js';
import type { Role } from '#model/roles.js';

/** Who screens: intake (presence only for operators) and the officers who work a case. */
const SCREENERS: readonly Role[] = ['operator', 'swcs-officer', 'case-manager', 'coordinator'];
/** Who proposes and decides information-update requests (never the same person for one request). */
const CHANGE_OFFICERS: readonly Role[] = [
  'swcs-officer',
  'case-manager',
  'coordinator',
  'head-of-department',
];
/** Who records what the canton's own programs delivered. */
const BENEFIT_RECORDERS: readonly Role[] = ['swcs-officer', 'case-manager', 'coordinator'];

/**
 * The routes of the social registry: the ministry's batch update, screening by national ID (in the body, never
 * the path), and the benefits a canton delivers. Their handlers take their definitions from here.
 */
export const REGISTRY_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'importRegistryHouseholds',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/households',
    handler: 'handlers/registry/import-households',
    auth: 'token',
    roles: ['admin', 'coordinator'],
    tableAccess: 'read-write',
    nationalIdKey: true,
    summary: "The ministry's periodic update of the social registry: up to 100 households per call",
    description:
      'National level only (any other canton answers 404). Households are written whole, each with its members, ' +
      'in one transaction; a household already as sent is left alone, so a batch sent again changes nothing. ' +
      'A national ID that belongs to a member of another stored household refuses the whole batch (409, each ' +
      'conflict named). docs/registry.md describes every field.',
    tag: 'registry',
    pathParams: CantonPath,
    body: HouseholdBatchBody,
    maxBodyBytes: 1024 * 1024,
    successStatus: 200,
    response: HouseholdBatchAnswer,
  },
  {
    operationId: 'screenCitizen',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/screenings',
    handler: 'handlers/registry/screen',
    auth: 'token',
    roles: SCREENERS,
    tableAccess: 'read-write',
    nationalIdKey: true,
    idempotencyExempt:
      'A screening reads the registry and only records that it was read: a retry records one more read, which ' +
      'the audit trail should show anyway',
    summary: "Social screening: a citizen's household, benefits, requests and eligibility, from the registry",
    description:
      'The national ID goes in the body with the purpose of the read. Operators see only whether the person is ' +
      'in the registry and the household size; SWCS officers, case managers and coordinators see the household, ' +
      'its members, national and local benefits, the citizen’s requests and referrals in this canton, and the ' +
      'catalogue’s services they are eligible for (with the reasons for the others) computed from the registry. ' +
      'Every screening is audited and listed in the citizen’s file (`viewedBy`).',
    tag: 'registry',
    pathParams: CantonPath,
    body: ScreeningBody,
    successStatus: 200,
    response: ScreeningAnswer,
  },
  {
    operationId: 'recordLocalBenefit',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/benefits',
    handler: 'handlers/registry/record-benefit',
    auth: 'token',
    roles: BENEFIT_RECORDERS,
    tableAccess: 'read-write',
    nationalIdKey: true,
    summary: "Record a benefit the canton's own programs delivered to a citizen (in kind or cash)",
    tag: 'registry',
    pathParams: CantonPath,
    body: LocalBenefitBody,
    // 200, not 201: a benefit is read back only through the citizen's screening, so it has no address of its own.
    successStatus: 200,
    response: LocalBenefitView,
  },
  {
    operationId: 'recordSharingConsent',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/sharing-consents',
    handler: 'handlers/registry/record-sharing-consent',
    auth: 'token',
    roles: SCREENERS,
    tableAccess: 'read-write',
    nationalIdKey: true,
    summary: "Record the citizen's consent to share their registry data with one provider, or its withdrawal",
    description:
      'Without it a provider’s contact officer sees no registry data; with it the referral they receive shows ' +
      'the household size and the registry facts the service’s eligibility rule uses (`registry`, audited). ' +
      'The newest entry for a provider decides. A request without a national ID is a 409.',
    tag: 'registry',
    pathParams: CantonPath,
    body: SharingConsentBody,
    // 200, not 201: the consent is read back only through the referrals it opens, so it has no address of its own.
    successStatus: 200,
    response: SharingConsentView,
  },
  {
    operationId: 'proposeRegistryChange',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/change-requests',
    handler: 'handlers/registry/propose-change',
    auth: 'token',
    roles: CHANGE_OFFICERS,
    tableAccess: 'read-write',
    nationalIdKey: true,
    summary:
      "Propose an information update of a household's registry data, field by field, with its evidence",
    description:
      'Each change names a field (`address.parish`, `contact.phone`, a member field with `memberId`, ' +
      '`member.add` with the new member, `member.remove`); the answer records its old and new value. The ' +
      'household the changes would make is checked whole first. Another person decides it.',
    tag: 'registry',
    pathParams: CantonPath,
    body: ChangeRequestBody,
    etag: true,
    successStatus: 201,
    response: ChangeRequestView,
  },
  {
    operationId: 'getRegistryChange',
    method: 'GET',
    path: '/cantons/{cantonId}/registry/change-requests/{changeId}',
    handler: 'handlers/registry/get-change',
    auth: 'token',
    roles: [...CHANGE_OFFICERS, 'auditor'],
    tableAccess: 'read-write',
    summary: 'An information-update request with its fields, old and new, and its decision',
    tag: 'registry',
    pathParams: ChangeRequestPath,
    etag: true,
    successStatus: 200,
    response: ChangeRequestView,
  },
  {
    operationId: 'decideRegistryChange',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/change-requests/{changeId}/decision',
    handler: 'handlers/registry/decide-change',
    auth: 'token',
    roles: CHANGE_OFFICERS,
    tableAccess: 'read-write',
    summary: 'Approve or reject an information-update request (never one you proposed: 403)',
    description:
      'An approval applies the changes to the registry copy (a new household version, with its history) and ' +
      'queues them for the national registry (the outbox), all in one transaction; the citizen’s request, if ' +
      'named, closes with the outcome. A household changed since the proposal is a 409; a decided request too.',
    tag: 'registry',
    pathParams: ChangeRequestPath,
    body: DecisionBody,
    etag: true,
    ifMatch: true,
    successStatus: 200,
    response: ChangeRequestView,
  },
  {
    operationId: 'searchProvisionalIdentities',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/provisional-identities/search',
    handler: 'handlers/registry/search-provisional',
    auth: 'token',
    roles: SCREENERS,
    tableAccess: 'read-write',
    idempotencyExempt: 'A search reads and only records that it was made (audit)',
    summary: 'Find provisional identities (attention without ID) by name, birth year and phone',
    description:
      'In the body, since names and phones never go in a URL. The same name and birth year, or the same ' +
      'phone, is a likely match; the same name alone when a birth year is missing on either side.',
    tag: 'registry',
    pathParams: CantonPath,
    body: ProvisionalSearchBody,
    successStatus: 200,
    response: ProvisionalSearchAnswer,
  },
  {
    operationId: 'getProvisionalIdentity',
    method: 'GET',
    path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}',
    handler: 'handlers/registry/get-provisional',
    auth: 'token',
    roles: SCREENERS,
    tableAccess: 'read-write',
    summary: 'A provisional identity with its requests and its merge history',
    tag: 'registry',
    pathParams: ProvisionalPath,
    etag: true,
    successStatus: 200,
    response: ProvisionalIdentityView,
  },
  {
    operationId: 'mergeProvisionalIdentity',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}/merge',
    handler: 'handlers/registry/merge-provisional',
    auth: 'token',
    roles: BENEFIT_RECORDERS,
    tableAccess: 'read-write',
    nationalIdKey: true,
    summary:
      'Merge a provisional identity into the national ID the person obtained: every request moves to it',
    description:
      'All or nothing, guarded by the identity’s version: of two officers merging the same identity at once one ' +
      'wins, the other gets 409 (or 412 with a stale If-Match). A national ID whose registry data is another ' +
      'person’s (another name or birth year) is a 409 listing what conflicts.',
    tag: 'registry',
    pathParams: ProvisionalPath,
    body: MergeBody,
    etag: true,
    ifMatch: true,
    successStatus: 200,
    response: ProvisionalIdentityView,
  },
  {
    operationId: 'unmergeProvisionalIdentity',
    method: 'POST',
    path: '/cantons/{cantonId}/registry/provisional-identities/{provisionalId}/unmerge',
    handler: 'handlers/registry/unmerge-provisional',
    auth: 'token',
    roles: BENEFIT_RECORDERS,
    tableAccess: 'read-write',
    summary: 'Undo a merge within 30 days: every request gets back the citizen it had',
    tag: 'registry',
    pathParams: ProvisionalPath,
    body: UnmergeBody,
    etag: true,
    ifMatch: true,
    successStatus: 200,
    response: ProvisionalIdentityView,
  },
];

export const registryRoute = routeIn(REGISTRY_ROUTES);
