import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { ProvisionalSearchBody } from '../../schemas/registry-requests.js';
import { SCREENERS } from './common.js';

export const searchProvisionalIdentitiesRoute: RouteDefinition = {
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
};
