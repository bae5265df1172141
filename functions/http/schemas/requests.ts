/**
 * The API contract of intake: zod schemas that validate every request and generate the OpenAPI document, so the
 * two can never disagree. One module per use, so that each route loads only the schemas it names: the path
 * (request-path.ts), what a request shows (request-view.ts), the list (request-list.ts), the officers' actions
 * (request-actions.ts), escalation (escalations.ts, escalated-request.ts); custom checks carry their message in
 * both languages in `params` (see http/handler.ts).
 */

// The inputs of intake are the domain's own (domain/request-input.ts); the API offers them as they are.
export {
  CHANNELS,
  URGENCIES,
  REQUEST_STATUSES,
  CONTACT_CHANNELS,
  E164,
  NationalId,
  CitizenInput,
  ContactInput,
  ClassificationInput,
  ConsentInput,
  RecordRequestBody,
  ClassifyBody,
  type ClassifyInput,
  type RecordRequestInput,
  type RequestStatus,
} from '#domain/request-input.js';
