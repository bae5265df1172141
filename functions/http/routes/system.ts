import { type RouteDefinition, routeIn } from '../route.js';
import { CantonPath } from '../schemas/canton-path.js';
import { CategoryList } from '../schemas/system.js';
import { PageOnlyQuery } from '#model/page.js';

/**
 * The routes of the system itself: health, the OpenAPI document, the categories.
 * Their handlers take their definitions from here, and bundle only these schemas.
 */
export const SYSTEM_ROUTES: readonly RouteDefinition[] = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'handlers/system/health',
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
    handler: 'handlers/system/openapi',
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
    handler: 'handlers/system/categories',
    auth: 'token',
    roles: ['operator', 'swcs-officer', 'coordinator', 'auditor', 'case-manager'],
    tableAccess: 'read',
    summary: "The request categories and subcategories enabled in the caller's canton",
    tag: 'intake',
    pathParams: CantonPath,
    query: PageOnlyQuery,
    cursorKey: true,
    successStatus: 200,
    response: CategoryList,
  },
];

export const systemRoute = routeIn(SYSTEM_ROUTES);
