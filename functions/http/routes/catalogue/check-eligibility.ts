import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { EligibilityBody } from '../../schemas/catalogue-eligibility.js';

export const checkEligibilityRoute: RouteDefinition = {
  operationId: 'checkEligibility',
  method: 'POST',
  path: '/cantons/{cantonId}/services/eligibility',
  handler: 'handlers/catalogue/check-eligibility',
  auth: 'token',
  roles: ['operator', 'swcs-officer', 'case-manager', 'coordinator'],
  tableAccess: 'read-write',
  summary:
    'Which services a citizen is eligible for, and for the others which criterion failed and why; national services among them are reached by escalation',
  tag: 'catalogue',
  pathParams: CantonPath,
  body: EligibilityBody,
  successStatus: 200,
  idempotencyExempt:
    'a question about a citizen: it changes nothing (only its audit record is written), so asking again is harmless',
};
