import type { RouteDefinition } from '../../route.js';
import { CantonPath } from '../../schemas/canton-path.js';
import { SharingConsentBody } from '../../schemas/registry-share.js';
import { SCREENERS } from './common.js';

export const recordSharingConsentRoute: RouteDefinition = {
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
};
