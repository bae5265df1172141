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
  /** The function signs pagination cursors, so it needs the cursor-signing secret. */
  readonly cursorKey?: boolean;
  readonly summary: string;
  readonly tag: string;
  readonly pathParams?: ZodType;
  readonly query?: ZodType;
  readonly body?: ZodType;
  readonly successStatus: 200 | 201;
  readonly response?: ZodType;
}

const INTAKE: readonly Role[] = ['operator', 'swcs-officer'];
const READERS: readonly Role[] = ['operator', 'swcs-officer', 'coordinator', 'auditor'];

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
];

export function routeById(operationId: string): RouteDefinition {
  const route = ROUTES.find((r) => r.operationId === operationId);
  if (!route) throw new Error(`No route with operationId ${operationId}`);
  return route;
}
