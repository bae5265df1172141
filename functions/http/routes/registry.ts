import type { RouteDefinition } from '../route.js';
import {
  ChangeRequestView,
  HouseholdBatchAnswer,
  LocalBenefitView,
  ProvisionalIdentityView,
  ProvisionalSearchAnswer,
  ScreeningAnswer,
} from '../schemas/registry.js';
import { SharingConsentView } from '../schemas/registry-share.js';
import { importRegistryHouseholdsRoute } from './registry/import-households.js';
import { screenCitizenRoute } from './registry/screen.js';
import { recordLocalBenefitRoute } from './registry/record-benefit.js';
import { recordSharingConsentRoute } from './registry/record-sharing-consent.js';
import { proposeRegistryChangeRoute } from './registry/propose-change.js';
import { getRegistryChangeRoute } from './registry/get-change.js';
import { decideRegistryChangeRoute } from './registry/decide-change.js';
import { searchProvisionalIdentitiesRoute } from './registry/search-provisional.js';
import { getProvisionalIdentityRoute } from './registry/get-provisional.js';
import { mergeProvisionalIdentityRoute } from './registry/merge-provisional.js';
import { unmergeProvisionalIdentityRoute } from './registry/unmerge-provisional.js';

/**
 * The routes of the social registry: the ministry's batch update, screening by national ID (in the body, never
 * the path), and the benefits a canton delivers.
 * Each operation is defined in its own module (routes/registry/<handler>.ts), which its handler imports: a bundle
 * then holds only its own operation's schemas. This list gathers them for ROUTES, the gateway and the document.
 */
export const REGISTRY_ROUTES: readonly RouteDefinition[] = [
  { ...importRegistryHouseholdsRoute, response: HouseholdBatchAnswer },
  { ...screenCitizenRoute, response: ScreeningAnswer },
  { ...recordLocalBenefitRoute, response: LocalBenefitView },
  { ...recordSharingConsentRoute, response: SharingConsentView },
  { ...proposeRegistryChangeRoute, response: ChangeRequestView },
  { ...getRegistryChangeRoute, response: ChangeRequestView },
  { ...decideRegistryChangeRoute, response: ChangeRequestView },
  { ...searchProvisionalIdentitiesRoute, response: ProvisionalSearchAnswer },
  { ...getProvisionalIdentityRoute, response: ProvisionalIdentityView },
  { ...mergeProvisionalIdentityRoute, response: ProvisionalIdentityView },
  { ...unmergeProvisionalIdentityRoute, response: ProvisionalIdentityView },
];
