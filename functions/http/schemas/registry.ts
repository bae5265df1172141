import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CitizenProfileSchema } from '#domain/citizen-profile.js';
import {
  CLASSIFICATIONS,
  NATIONAL_BENEFITS,
  RegistryHouseholdSchema,
  RegistryMemberSchema,
} from '#domain/registry.js';
import { CHANGE_STATUSES, CHANGEABLE_FIELDS, SupportingDocument } from '#domain/registry-change.js';
import { CantonPath } from './canton-path.js';

export { CantonPath };

// The paths and bodies, in modules of their own by what they bring: an operation's module takes its inputs from
// them without the answers below, which only the OpenAPI document reads.
export * from './registry-requests.js';
export * from './registry-batch.js';
export * from './registry-screening.js';
export * from './registry-change-request.js';

export const HouseholdBatchAnswer = withMeta(
  z.object({
    written: withMeta(z.number().check(z.int()), { description: 'Households created or changed' }),
    unchanged: withMeta(z.number().check(z.int()), { description: 'Households already as sent' }),
  }),
  { id: 'RegistryHouseholdBatchOutcome' },
);

const Member = withMeta(
  z.extend(RegistryMemberSchema, {
    age: withMeta(z.number().check(z.int()), { description: 'Whole years today (America/Guayaquil)' }),
    screened: withMeta(z.boolean(), { description: 'This member is the citizen screened' }),
  }),
  { id: 'RegistryMember' },
);

const ServiceRef = z.object({ cantonId: z.string(), serviceId: z.string(), name: z.string() });
const Unmet = z.object({ attribute: z.string(), reason: z.enum(['not-met', 'unknown']), text: z.string() });

const ScreeningEligibility = withMeta(
  z.object({
    profile: withMeta(CitizenProfileSchema, { description: 'The attributes eligibility was computed from' }),
    declared: withMeta(z.array(z.string()), {
      description: 'Attributes declared by the citizen, not from the registry',
    }),
    eligible: z.array(ServiceRef),
    ineligible: z.array(z.extend(ServiceRef, { unmet: z.array(Unmet) })),
  }),
  { id: 'ScreeningEligibility' },
);

const CitizenActivity = z.object({
  requests: z.array(
    z.object({
      requestId: z.string(),
      reference: z.string(),
      status: z.string(),
      category: z.optional(z.string()),
      subcategory: z.optional(z.string()),
      createdAt: z.iso.datetime(),
    }),
  ),
  referrals: z.array(
    z.object({
      referralId: z.string(),
      requestId: z.string(),
      reference: z.string(),
      serviceId: z.string(),
      serviceName: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime(),
    }),
  ),
  complaints: withMeta(
    z.array(
      z.object({
        complaintId: z.string(),
        requestId: z.string(),
        reference: z.string(),
        type: z.string(),
        status: z.string(),
        createdAt: z.iso.datetime(),
      }),
    ),
    {
      description:
        "The complaint cases opened from the citizen's requests in this canton (a sensitive case only for its assignees and coordinators)",
    },
  ),
});

export const LocalBenefitView = withMeta(
  z.object({
    benefitId: z.string(),
    cantonId: z.string(),
    program: z.string(),
    serviceId: z.optional(z.string()),
    referralId: z.optional(z.string()),
    deliveredOn: z.iso.date(),
    kind: z.enum(['in-kind', 'cash']),
    amount: withMeta(z.optional(z.number()), { description: 'USD, for cash (and in-kind valued)' }),
    description: z.optional(z.string()),
    recordedBy: z.string(),
    recordedAt: z.iso.datetime(),
  }),
  { id: 'LocalBenefit' },
);

const Viewer = z.object({
  userId: z.string(),
  roles: z.array(z.string()),
  at: z.iso.datetime(),
  purpose: z.string(),
});

export const ScreeningAnswer = withMeta(
  z.discriminatedUnion('view', [
    withMeta(
      z.object({
        view: z.literal('presence'),
        inRegistry: z.boolean(),
        householdSize: z.optional(z.number().check(z.int())),
      }),
      {
        id: 'ScreeningPresence',
        description: 'What an operator sees: whether the person is in the registry, and the household size',
      },
    ),
    withMeta(
      z.object({
        view: z.literal('full'),
        inRegistry: z.literal(true),
        household: z.object({
          householdId: z.string(),
          address: RegistryHouseholdSchema.shape.address,
          contact: z.object({ phone: z.optional(z.string()), email: z.optional(z.string()) }),
          classification: z.object({
            level: z.enum(CLASSIFICATIONS),
            score: z.number(),
            surveyDate: z.iso.date(),
          }),
          members: z.array(Member),
          updatedAt: z.iso.datetime(),
          pendingUpdates: withMeta(
            z.array(
              z.object({
                changeId: withMeta(z.optional(z.string()), {
                  description: 'Only for a change request of this canton',
                }),
                cantonId: z.string(),
                fields: z.array(z.object({ field: z.string(), memberId: z.optional(z.string()) })),
                proposedAt: z.iso.datetime(),
              }),
            ),
            {
              description:
                'Information-update requests proposed and not yet decided: these fields of the household may change soon',
            },
          ),
        }),
        benefits: z.object({
          national: z.array(
            z.object({ memberId: z.string(), benefit: z.enum(NATIONAL_BENEFITS), name: z.string() }),
          ),
          local: z.array(LocalBenefitView),
        }),
        activity: CitizenActivity,
        eligibility: ScreeningEligibility,
        viewedBy: withMeta(z.array(Viewer), {
          description: 'Who has screened this citizen in this canton, newest first',
        }),
      }),
      { id: 'ScreeningFull' },
    ),
    withMeta(
      z.object({
        view: z.literal('not-registered'),
        inRegistry: z.literal(false),
        nextStep: z.object({ text: z.string(), serviceId: z.string() }),
        benefits: withMeta(z.object({ national: z.array(z.never()), local: z.array(LocalBenefitView) }), {
          description: 'The canton’s local benefits (the registry holds no national ones for this person)',
        }),
        activity: CitizenActivity,
        eligibility: ScreeningEligibility,
        viewedBy: z.array(Viewer),
      }),
      { id: 'ScreeningNotRegistered' },
    ),
  ]),
  { id: 'ScreeningAnswer' },
);

const FieldChangeView = withMeta(
  z.object({
    field: z.enum(CHANGEABLE_FIELDS),
    memberId: z.optional(z.string()),
    oldValue: withMeta(z.unknown(), { description: 'The value before (null when there was none)' }),
    newValue: withMeta(z.unknown(), { description: 'The value after (null when cleared or removed)' }),
  }),
  { id: 'RegistryFieldChange' },
);

export const ChangeRequestView = withMeta(
  z.object({
    changeId: z.string(),
    cantonId: z.string(),
    householdId: z.string(),
    requestId: z.optional(z.string()),
    changes: z.array(FieldChangeView),
    documents: z.array(SupportingDocument),
    status: z.enum(CHANGE_STATUSES),
    proposedBy: z.string(),
    proposedAt: z.iso.datetime(),
    decision: z.optional(
      z.object({
        outcome: z.enum(['approved', 'rejected']),
        by: z.string(),
        at: z.iso.datetime(),
        reason: z.string(),
      }),
    ),
    householdVersion: z.number().check(z.int()),
    version: z.number().check(z.int()),
    updatedAt: z.iso.datetime(),
  }),
  { id: 'RegistryChangeRequest' },
);

export const ProvisionalIdentityView = withMeta(
  z.object({
    provisionalId: z.string(),
    cantonId: z.string(),
    name: z.object({ given: z.string(), family: z.string() }),
    nationality: z.optional(z.string()),
    birthYear: z.optional(z.number().check(z.int())),
    birthDate: z.optional(z.iso.date()),
    phone: z.optional(z.string()),
    requestIds: z.array(z.string()),
    status: z.enum(['active', 'merged']),
    merge: withMeta(z.optional(z.object({ at: z.iso.datetime(), by: z.string() })), {
      description: 'Present while merged into a national ID (never shown here)',
    }),
    history: z.array(
      z.object({ action: z.enum(['merged', 'unmerged']), at: z.iso.datetime(), by: z.string() }),
    ),
    createdAt: z.iso.datetime(),
    version: z.number().check(z.int()),
  }),
  { id: 'ProvisionalIdentity' },
);

export const ProvisionalSearchAnswer = withMeta(
  z.object({
    items: withMeta(
      z.array(
        z.object({
          identity: ProvisionalIdentityView,
          reasons: z.array(z.enum(['name-and-birth-date', 'name-and-birth-year', 'phone', 'name'])),
        }),
      ),
      { description: 'At most 25 matches, best first: narrow the search to see others' },
    ),
  }),
  { id: 'ProvisionalIdentityMatches' },
);
