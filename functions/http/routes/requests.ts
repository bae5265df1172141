import type { RouteDefinition } from '../route.js';
import { recordRequestRoute } from './requests/record-request.js';
import { listRequestsRoute } from './requests/list-requests.js';
import { getRequestRoute } from './requests/get-request.js';
import { classifyRequestRoute } from './requests/classify-request.js';
import { answerRequestRoute } from './requests/answer-request.js';
import { assignRequestRoute } from './requests/assign-request.js';
import { closeRequestRoute } from './requests/close-request.js';

/**
 * The routes of intake: recording, classifying, answering, assigning, closing, reading and listing a canton's
 * requests. Each is defined in its own module (routes/requests/<operation>.ts), which its handler imports, so that
 * a bundle holds only its own route's schemas; this list gathers them for the route table.
 */
export const REQUEST_ROUTES: readonly RouteDefinition[] = [
  recordRequestRoute,
  listRequestsRoute,
  getRequestRoute,
  classifyRequestRoute,
  answerRequestRoute,
  assignRequestRoute,
  closeRequestRoute,
];
