import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ScreeningBody } from '../../schemas/registry-screening.js';
import { SCREENERS } from './common.js';

export const screenCitizenRoute: RouteDefinition = {
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
};
