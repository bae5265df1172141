import type { ZodType } from 'zod';
import type { Role } from '../../functions/domain/roles.js';
import {
  AnswerBody,
  AssignBody,
  CantonPath,
  ClassifyBody,
  ListRequestsQuery,
  RecordRequestBody,
  RequestPage,
  RequestPath,
  RequestView,
} from '../../functions/requests/schemas.js';
import {
  AvailabilityBody,
  DeactivationBody,
  EligibilityAnswer,
  ImportSummary,
  EligibilityBody,
  NearestAnswer,
  NearestQuery,
  OrganizationBody,
  OrganizationList,
  OrganizationPath,
  OrganizationView,
  ServiceBody,
  ServiceList,
  ServicePath,
  ServiceSearchQuery,
  ServiceView,
} from '../../functions/catalogue/schemas.js';
import { HsdsDocument } from '../../functions/catalogue/hsds-schema.js';
import {
  ProtocolDocument,
  ProtocolList,
  ProtocolOverview,
  ProtocolPath,
  ProtocolVersionPath,
  PublishedProtocolView,
} from '../../functions/protocols/schemas.js';
import { CategoryList } from '../../functions/system/schemas.js';

/**
 * The route table: one entry per API operation. The CDK stack builds API Gateway methods and Lambda functions from
 * it, the local runtime dispatches HTTP requests with it, handlers validate their input with its schemas and check
 * its roles, and the OpenAPI document is generated from it. Changing a route here changes it everywhere.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteDefinition {
  /** operationId in OpenAPI, and the base of the Lambda function's construct id. */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** API Gateway style path, with {parameters}. */
  readonly path: string;
  /** Module under functions/ (without extension) whose `handler` export serves the route. */
  readonly handler: string;
  /** Public routes carry no token; every other route needs a verified bearer token. */
  readonly auth: 'public' | 'token';
  /** Roles allowed to call the route (any one of them); empty for public routes. */
  readonly roles: readonly Role[];
  /** What the function may do with the table: least privilege is the default. */
  readonly tableAccess: 'none' | 'read' | 'read-write';
  /** The function starts referral workflows and answers their task tokens (REFERRAL_WORKFLOW_ARN). */
  readonly workflowAccess?: boolean;
  /** The function signs pagination cursors, so it needs the cursor-signing secret. */
  readonly cursorKey?: boolean;
  readonly summary: string;
  readonly tag: string;
  readonly pathParams?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  readonly successStatus: 200 | 201;
  /**
   * The handler validates the body itself (the schema still documents it): for documents whose errors read better
   * from domain code than from a schema union, such as a protocol that is either a definition or an override.
   */
  readonly bodyCheckedByHandler?: boolean;
  /** Bodies above this are refused with 413 (default 64 KB: intake texts are short). */
  readonly maxBodyBytes?: number;
  readonly response?: ZodType;
}

const INTAKE: readonly Role[] = ['operator', 'swcs-officer'];
const READERS: readonly Role[] = ['operator', 'swcs-officer', 'coordinator', 'auditor'];
const CATALOGUE_MANAGERS: readonly Role[] = ['coordinator', 'admin'];
const CATALOGUE_READERS: readonly Role[] = [
  'operator',
  'swcs-officer',
  'case-manager',
  'coordinator',
  'auditor',
  'contact-officer',
  'admin',
];

export const ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'system/health',
    auth: 'public',
    roles: [],
    tableAccess: 'none',
    summary: 'Liveness check',
    tag: 'system',
    successStatus: 200,
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'system/openapi',
    auth: 'public',
    roles: [],
    tableAccess: 'none',
    summary: 'This API document (OpenAPI 3.1)',
    tag: 'system',
    successStatus: 200,
  },
  {
    operationId: 'listCategories',
    method: 'GET',
    path: '/cantons/{cantonId}/categories',
    handler: 'system/categories',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'coordinator', 'auditor', 'case-manager'],
    tableAccess: 'read',
    summary: "The request categories and subcategories enabled in the caller's canton",
    tag: 'intake',
    pathParams: CantonPath,
    successStatus: 200,
    response: CategoryList,
  },
  {
    operationId: 'recordRequest',
    method: 'POST',
    path: '/cantons/{cantonId}/requests',
    handler: 'requests/record',
    auth: 'token',
    roles: INTAKE,
    tableAccess: 'read-write',
    summary: "Record a citizen's request, optionally classifying it at once",
    tag: 'intake',
    pathParams: CantonPath,
    body: RecordRequestBody,
    successStatus: 201,
    response: RequestView,
  },
  {
    operationId: 'listRequests',
    method: 'GET',
    path: '/cantons/{cantonId}/requests',
    handler: 'requests/list',
    auth: 'token',
    roles: READERS,
    tableAccess: 'read-write',
    summary: "List the canton's requests, newest first, filtered and paginated",
    tag: 'intake',
    pathParams: CantonPath,
    query: ListRequestsQuery,
    cursorKey: true,
    successStatus: 200,
    response: RequestPage,
  },
  {
    operationId: 'getRequest',
    method: 'GET',
    path: '/cantons/{cantonId}/requests/{requestId}',
    handler: 'requests/get',
    auth: 'token',
    roles: READERS,
    tableAccess: 'read-write',
    summary: 'Get a request with its history',
    tag: 'intake',
    pathParams: RequestPath,
    successStatus: 200,
    response: RequestView,
  },
  {
    operationId: 'classifyRequest',
    method: 'PUT',
    path: '/cantons/{cantonId}/requests/{requestId}/classification',
    handler: 'requests/classify',
    auth: 'token',
    roles: INTAKE,
    tableAccess: 'read-write',
    summary: 'Classify or reclassify a request (the earlier classification stays in the history)',
    tag: 'intake',
    pathParams: RequestPath,
    body: ClassifyBody,
    successStatus: 200,
    response: RequestView,
  },
  {
    operationId: 'answerRequest',
    method: 'POST',
    path: '/cantons/{cantonId}/requests/{requestId}/answer',
    handler: 'requests/answer',
    auth: 'token',
    roles: INTAKE,
    tableAccess: 'read-write',
    summary: 'Answer a general-information request on the spot, which closes it',
    tag: 'intake',
    pathParams: RequestPath,
    body: AnswerBody,
    successStatus: 200,
    response: RequestView,
  },
  {
    operationId: 'assignRequest',
    method: 'PUT',
    path: '/cantons/{cantonId}/requests/{requestId}/assignment',
    handler: 'requests/assign',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'coordinator'],
    tableAccess: 'read-write',
    summary: 'Assign (or reassign) a classified request to an SWCS officer of the canton',
    tag: 'intake',
    pathParams: RequestPath,
    body: AssignBody,
    successStatus: 200,
    response: RequestView,
  },
  {
    operationId: 'putOrganization',
    method: 'PUT',
    path: '/cantons/{cantonId}/organizations/{organizationId}',
    handler: 'catalogue/put-organization',
    auth: 'token',
    roles: CATALOGUE_MANAGERS,
    tableAccess: 'read-write',
    summary: 'Create or replace a provider organization with its contact officers and locations',
    tag: 'catalogue',
    pathParams: OrganizationPath,
    body: OrganizationBody,
    successStatus: 200,
    response: OrganizationView,
  },
  {
    operationId: 'listOrganizations',
    method: 'GET',
    path: '/cantons/{cantonId}/organizations',
    handler: 'catalogue/list-organizations',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: "The catalogue's provider organizations (a canton's, or the national ones)",
    tag: 'catalogue',
    pathParams: CantonPath,
    successStatus: 200,
    response: OrganizationList,
  },
  {
    operationId: 'getOrganization',
    method: 'GET',
    path: '/cantons/{cantonId}/organizations/{organizationId}',
    handler: 'catalogue/get-organization',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: 'A provider organization with the history of its changes',
    tag: 'catalogue',
    pathParams: OrganizationPath,
    successStatus: 200,
    response: OrganizationView,
  },
  {
    operationId: 'putService',
    method: 'PUT',
    path: '/cantons/{cantonId}/services/{serviceId}',
    handler: 'catalogue/put-service',
    auth: 'token',
    roles: CATALOGUE_MANAGERS,
    tableAccess: 'read-write',
    summary: 'Create or replace a service of the catalogue',
    tag: 'catalogue',
    pathParams: ServicePath,
    body: ServiceBody,
    successStatus: 200,
    response: ServiceView,
  },
  {
    operationId: 'searchServices',
    method: 'GET',
    path: '/cantons/{cantonId}/services',
    handler: 'catalogue/search-services',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary:
      "Find services by category, subcategory, text, status or room, in the canton's and national catalogue",
    tag: 'catalogue',
    pathParams: CantonPath,
    query: ServiceSearchQuery,
    successStatus: 200,
    response: ServiceList,
  },
  {
    operationId: 'getService',
    method: 'GET',
    path: '/cantons/{cantonId}/services/{serviceId}',
    handler: 'catalogue/get-service',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: 'A service with the history of its changes',
    tag: 'catalogue',
    pathParams: ServicePath,
    successStatus: 200,
    response: ServiceView,
  },
  {
    operationId: 'deactivateService',
    method: 'POST',
    path: '/cantons/{cantonId}/services/{serviceId}/deactivation',
    handler: 'catalogue/deactivate-service',
    auth: 'token',
    roles: CATALOGUE_MANAGERS,
    tableAccess: 'read-write',
    summary: 'Deactivate a service: it stays in the catalogue but takes no new referrals',
    tag: 'catalogue',
    pathParams: ServicePath,
    body: DeactivationBody,
    successStatus: 200,
    response: ServiceView,
  },
  {
    operationId: 'updateAvailability',
    method: 'PATCH',
    path: '/cantons/{cantonId}/services/{serviceId}/availability',
    handler: 'catalogue/update-availability',
    auth: 'token',
    roles: ['contact-officer', 'coordinator', 'admin'],
    tableAccess: 'read-write',
    summary: "Update a service's available spots, waitlist or temporary closure (its own contact officers)",
    tag: 'catalogue',
    pathParams: ServicePath,
    body: AvailabilityBody,
    successStatus: 200,
    response: ServiceView,
  },
  {
    operationId: 'checkEligibility',
    method: 'POST',
    path: '/cantons/{cantonId}/services/eligibility',
    handler: 'catalogue/check-eligibility',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'case-manager', 'coordinator'],
    tableAccess: 'read-write',
    summary: 'Which services a citizen is eligible for, and for the others which criterion failed and why',
    tag: 'catalogue',
    pathParams: CantonPath,
    body: EligibilityBody,
    successStatus: 200,
    response: EligibilityAnswer,
  },
  {
    operationId: 'nearestServicePoints',
    method: 'GET',
    path: '/cantons/{cantonId}/service-points',
    handler: 'catalogue/nearest-service-points',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: 'The service points (or provider sites) nearest to a place',
    tag: 'catalogue',
    pathParams: CantonPath,
    query: NearestQuery,
    successStatus: 200,
    response: NearestAnswer,
  },
  {
    operationId: 'exportCatalogue',
    method: 'GET',
    path: '/cantons/{cantonId}/catalogue/hsds',
    handler: 'catalogue/export-hsds',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: "The canton's catalogue as an Open Referral HSDS 3.1 document",
    tag: 'catalogue',
    pathParams: CantonPath,
    successStatus: 200,
    response: HsdsDocument,
  },
  {
    operationId: 'importCatalogue',
    method: 'POST',
    path: '/cantons/{cantonId}/catalogue/hsds',
    handler: 'catalogue/import-hsds',
    auth: 'token',
    roles: CATALOGUE_MANAGERS,
    tableAccess: 'read-write',
    summary:
      'Load an Open Referral HSDS document into the catalogue: every error reported with its JSON pointer, and nothing written unless all is valid',
    tag: 'catalogue',
    pathParams: CantonPath,
    body: HsdsDocument,
    bodyCheckedByHandler: true,
    // Lambda accepts 6 MB; a canton's whole catalogue fits comfortably in 5.
    maxBodyBytes: 5 * 1024 * 1024,
    successStatus: 200,
    response: ImportSummary,
  },
  {
    operationId: 'publishProtocol',
    method: 'PUT',
    path: '/cantons/{cantonId}/protocols/{category}/{subcategory}',
    handler: 'protocols/publish-protocol',
    auth: 'token',
    roles: CATALOGUE_MANAGERS,
    tableAccess: 'read-write',
    summary:
      "Publish a new version of the canton's protocol for a subcategory (national: a template), in full or as an override of the national template",
    tag: 'protocols',
    pathParams: ProtocolPath,
    body: ProtocolDocument,
    bodyCheckedByHandler: true,
    successStatus: 201,
    response: PublishedProtocolView,
  },
  {
    operationId: 'listProtocols',
    method: 'GET',
    path: '/cantons/{cantonId}/protocols',
    handler: 'protocols/list-protocols',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: 'Every subcategory the canton handles, with the protocol in force for it',
    tag: 'protocols',
    pathParams: CantonPath,
    successStatus: 200,
    response: ProtocolList,
  },
  {
    operationId: 'getProtocol',
    method: 'GET',
    path: '/cantons/{cantonId}/protocols/{category}/{subcategory}',
    handler: 'protocols/get-protocol',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary:
      'The protocol in force for a subcategory, with every published version and the national templates',
    tag: 'protocols',
    pathParams: ProtocolPath,
    successStatus: 200,
    response: ProtocolOverview,
  },
  {
    operationId: 'getProtocolVersion',
    method: 'GET',
    path: '/cantons/{cantonId}/protocols/{category}/{subcategory}/versions/{version}',
    handler: 'protocols/get-protocol-version',
    auth: 'token',
    roles: CATALOGUE_READERS,
    tableAccess: 'read',
    summary: "One published version (the canton's, or with ?source=national the national template's)",
    tag: 'protocols',
    pathParams: ProtocolVersionPath,
    successStatus: 200,
    response: PublishedProtocolView,
  },
];

export function routeById(operationId: string): RouteDefinition {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`No route with operationId ${operationId}`);
  return route;
}
