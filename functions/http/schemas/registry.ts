import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { CitizenProfileSchema } from '#domain/citizen-attributes.js';
import {
  CLASSIFICATIONS,
  NATIONAL_BENEFITS,
  RegistryHouseholdSchema,
  RegistryMemberSchema,
  RegistryNationalId,
} from '#domain/registry.js';
import {
  CHANGE_STATUSES,
  CHANGEABLE_FIELDS,
  FieldChangeInput,
  SupportingDocument,
} from '#domain/registry-change.js';
import { CantonPath } from './canton-path.js';

export { CantonPath };

/** The batch the ministry sends for its periodic update: households as the registry holds them. */
export const MAX_HOUSEHOLDS_PER_BATCH = 100;

export const HouseholdBatchBody = withMeta(
  z.strictObject({
    households: z
      .array(RegistryHouseholdSchema)
      .check(z.minLength(1))
      .check(z.maxLength(MAX_HOUSEHOLDS_PER_BATCH)),
  }),
  { id: 'RegistryHouseholdBatch' },
);
export type HouseholdBatchInput = z.output<typeof HouseholdBatchBody>;

export const HouseholdBatchAnswer = withMeta(
  z.object({
    written: withMeta(z.number().check(z.int()), { description: 'Households created or changed' }),
    unchanged: withMeta(z.number().check(z.int()), { description: 'Households already as sent' }),
  }),
  { id: 'RegistryHouseholdBatchOutcome' },
);

export const SCREENING_PURPOSES = [
  'intake',
  'referral',
  'case-management',
  'information-update',
  'complaint',
] as const;

export const ScreeningBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'Cédula of the citizen screened (in the body, never a URL)',
    }),
    purpose: withMeta(z.enum(SCREENING_PURPOSES), {
      description: 'Why the registry is read; kept in the audit trail',
    }),
    requestId: withMeta(z.optional(z.string().check(z.maxLength(40))), {
      description: "The citizen's request this screening serves",
    }),
    declared: withMeta(z.optional(CitizenProfileSchema), {
      description:
        'What the citizen declares that the registry lacks (e.g. a pregnancy): used for eligibility, marked as declared, never written to the registry',
    }),
  }),
  { id: 'Screening' },
);
export type ScreeningInput = z.output<typeof ScreeningBody>;

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

export const LocalBenefitBody = withMeta(
  z
    .strictObject({
      nationalId: RegistryNationalId,
      program: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(120)),
      serviceId: z.optional(z.string().check(z.maxLength(80))),
      referralId: z.optional(z.string().check(z.maxLength(40))),
      deliveredOn: z.iso.date(),
      kind: z.enum(['in-kind', 'cash']),
      amount: z.optional(z.number().check(z.gte(0)).check(z.lte(100_000))),
      description: z.optional(z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(500))),
    })
    .check(
      z.refine((b) => b.kind !== 'cash' || b.amount !== undefined, {
        path: ['amount'],
        params: { es: 'un beneficio en efectivo lleva su monto', en: 'a cash benefit needs its amount' },
      }),
    ),
  { id: 'LocalBenefitInput' },
);
export type LocalBenefitInput = z.output<typeof LocalBenefitBody>;

export const ChangeRequestBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'Cédula of a member of the household to change',
    }),
    requestId: withMeta(z.optional(z.string().check(z.maxLength(40))), {
      description: "The citizen's information-update request, closed with the outcome",
    }),
    changes: z.array(FieldChangeInput).check(z.minLength(1)).check(z.maxLength(20)),
    documents: withMeta(z._default(z.array(SupportingDocument).check(z.maxLength(10)), []), {
      description: 'The supporting documents seen',
    }),
  }),
  { id: 'RegistryChangeRequestInput' },
);
export type ChangeRequestInput = z.output<typeof ChangeRequestBody>;

export const ChangeRequestPath = z.extend(CantonPath, {
  changeId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
});

export const DecisionBody = withMeta(
  z.strictObject({
    outcome: z.enum(['approved', 'rejected']),
    reason: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(500)),
  }),
  { id: 'RegistryChangeDecision' },
);
export type DecisionInput = z.output<typeof DecisionBody>;

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

export const ProvisionalPath = z.extend(CantonPath, {
  provisionalId: z.string().check(z.regex(/^PRV-[0-9A-HJKMNP-TV-Z]{26}$/)),
});

const PersonName = z.strictObject({
  given: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(80)),
  family: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(80)),
});

export const ProvisionalSearchBody = withMeta(
  z
    .strictObject({
      name: z.optional(PersonName),
      birthYear: z.optional(z.number().check(z.int()).check(z.gte(1900)).check(z.lte(2100))),
      birthDate: z.optional(z.iso.date()),
      phone: z.optional(z.string().check(z.regex(/^\+[1-9]\d{6,14}$/))),
    })
    .check(
      z.refine((q) => q.name !== undefined || q.phone !== undefined, {
        params: { es: 'indique un nombre o un teléfono', en: 'give a name or a phone' },
      }),
    ),
  { id: 'ProvisionalIdentitySearch' },
);
export type ProvisionalSearchInput = z.output<typeof ProvisionalSearchBody>;

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

export const MergeBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'The national ID the person obtained or revealed',
    }),
  }),
  { id: 'ProvisionalIdentityMerge' },
);
export type MergeInput = z.output<typeof MergeBody>;

export const UnmergeBody = withMeta(
  z.strictObject({ reason: z.string().check(z.trim()).check(z.minLength(1)).check(z.maxLength(500)) }),
  { id: 'ProvisionalIdentityUnmerge' },
);
