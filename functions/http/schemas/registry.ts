import * as z from 'zod';
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

export const HouseholdBatchBody = z
  .object({
    households: z.array(RegistryHouseholdSchema).min(1).max(MAX_HOUSEHOLDS_PER_BATCH),
  })
  .strict()
  .meta({ id: 'RegistryHouseholdBatch' });
export type HouseholdBatchInput = z.output<typeof HouseholdBatchBody>;

export const HouseholdBatchAnswer = z
  .object({
    written: z.number().int().meta({ description: 'Households created or changed' }),
    unchanged: z.number().int().meta({ description: 'Households already as sent' }),
  })
  .meta({ id: 'RegistryHouseholdBatchOutcome' });

export const SCREENING_PURPOSES = [
  'intake',
  'referral',
  'case-management',
  'information-update',
  'complaint',
] as const;

export const ScreeningBody = z
  .object({
    nationalId: RegistryNationalId.meta({
      description: 'Cédula of the citizen screened (in the body, never a URL)',
    }),
    purpose: z
      .enum(SCREENING_PURPOSES)
      .meta({ description: 'Why the registry is read; kept in the audit trail' }),
    requestId: z
      .string()
      .max(40)
      .optional()
      .meta({ description: "The citizen's request this screening serves" }),
    declared: CitizenProfileSchema.optional().meta({
      description:
        'What the citizen declares that the registry lacks (e.g. a pregnancy): used for eligibility, marked as declared, never written to the registry',
    }),
  })
  .strict()
  .meta({ id: 'Screening' });
export type ScreeningInput = z.output<typeof ScreeningBody>;

const Member = RegistryMemberSchema.extend({
  age: z.number().int().meta({ description: 'Whole years today (America/Guayaquil)' }),
  screened: z.boolean().meta({ description: 'This member is the citizen screened' }),
}).meta({ id: 'RegistryMember' });

const ServiceRef = z.object({ cantonId: z.string(), serviceId: z.string(), name: z.string() });
const Unmet = z.object({ attribute: z.string(), reason: z.enum(['not-met', 'unknown']), text: z.string() });

const ScreeningEligibility = z
  .object({
    profile: CitizenProfileSchema.meta({ description: 'The attributes eligibility was computed from' }),
    declared: z
      .array(z.string())
      .meta({ description: 'Attributes declared by the citizen, not from the registry' }),
    eligible: z.array(ServiceRef),
    ineligible: z.array(ServiceRef.extend({ unmet: z.array(Unmet) })),
  })
  .meta({ id: 'ScreeningEligibility' });

const CitizenActivity = z.object({
  requests: z.array(
    z.object({
      requestId: z.string(),
      reference: z.string(),
      status: z.string(),
      category: z.string().optional(),
      subcategory: z.string().optional(),
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
  complaints: z
    .array(
      z.object({
        complaintId: z.string(),
        requestId: z.string(),
        reference: z.string(),
        type: z.string(),
        status: z.string(),
        createdAt: z.iso.datetime(),
      }),
    )
    .meta({
      description:
        "The complaint cases opened from the citizen's requests in this canton (a sensitive case only for its assignees and coordinators)",
    }),
});

export const LocalBenefitView = z
  .object({
    benefitId: z.string(),
    cantonId: z.string(),
    program: z.string(),
    serviceId: z.string().optional(),
    referralId: z.string().optional(),
    deliveredOn: z.iso.date(),
    kind: z.enum(['in-kind', 'cash']),
    amount: z.number().optional().meta({ description: 'USD, for cash (and in-kind valued)' }),
    description: z.string().optional(),
    recordedBy: z.string(),
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: 'LocalBenefit' });

const Viewer = z.object({
  userId: z.string(),
  roles: z.array(z.string()),
  at: z.iso.datetime(),
  purpose: z.string(),
});

export const ScreeningAnswer = z
  .discriminatedUnion('view', [
    z
      .object({
        view: z.literal('presence'),
        inRegistry: z.boolean(),
        householdSize: z.number().int().optional(),
      })
      .meta({
        id: 'ScreeningPresence',
        description: 'What an operator sees: whether the person is in the registry, and the household size',
      }),
    z
      .object({
        view: z.literal('full'),
        inRegistry: z.literal(true),
        household: z.object({
          householdId: z.string(),
          address: RegistryHouseholdSchema.shape.address,
          contact: z.object({ phone: z.string().optional(), email: z.string().optional() }),
          classification: z.object({
            level: z.enum(CLASSIFICATIONS),
            score: z.number(),
            surveyDate: z.iso.date(),
          }),
          members: z.array(Member),
          updatedAt: z.iso.datetime(),
          pendingUpdates: z
            .array(
              z.object({
                changeId: z
                  .string()
                  .optional()
                  .meta({ description: 'Only for a change request of this canton' }),
                cantonId: z.string(),
                fields: z.array(z.object({ field: z.string(), memberId: z.string().optional() })),
                proposedAt: z.iso.datetime(),
              }),
            )
            .meta({
              description:
                'Information-update requests proposed and not yet decided: these fields of the household may change soon',
            }),
        }),
        benefits: z.object({
          national: z.array(
            z.object({ memberId: z.string(), benefit: z.enum(NATIONAL_BENEFITS), name: z.string() }),
          ),
          local: z.array(LocalBenefitView),
        }),
        activity: CitizenActivity,
        eligibility: ScreeningEligibility,
        viewedBy: z
          .array(Viewer)
          .meta({ description: 'Who has screened this citizen in this canton, newest first' }),
      })
      .meta({ id: 'ScreeningFull' }),
    z
      .object({
        view: z.literal('not-registered'),
        inRegistry: z.literal(false),
        nextStep: z.object({ text: z.string(), serviceId: z.string() }),
        benefits: z.object({ national: z.array(z.never()), local: z.array(LocalBenefitView) }).meta({
          description: 'The canton’s local benefits (the registry holds no national ones for this person)',
        }),
        activity: CitizenActivity,
        eligibility: ScreeningEligibility,
        viewedBy: z.array(Viewer),
      })
      .meta({ id: 'ScreeningNotRegistered' }),
  ])
  .meta({ id: 'ScreeningAnswer' });

export const LocalBenefitBody = z
  .object({
    nationalId: RegistryNationalId,
    program: z.string().trim().min(1).max(120),
    serviceId: z.string().max(80).optional(),
    referralId: z.string().max(40).optional(),
    deliveredOn: z.iso.date(),
    kind: z.enum(['in-kind', 'cash']),
    amount: z.number().min(0).max(100_000).optional(),
    description: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .refine((b) => b.kind !== 'cash' || b.amount !== undefined, {
    path: ['amount'],
    params: { es: 'un beneficio en efectivo lleva su monto', en: 'a cash benefit needs its amount' },
  })
  .meta({ id: 'LocalBenefitInput' });
export type LocalBenefitInput = z.output<typeof LocalBenefitBody>;

export const ChangeRequestBody = z
  .object({
    nationalId: RegistryNationalId.meta({ description: 'Cédula of a member of the household to change' }),
    requestId: z
      .string()
      .max(40)
      .optional()
      .meta({ description: "The citizen's information-update request, closed with the outcome" }),
    changes: z.array(FieldChangeInput).min(1).max(20),
    documents: z
      .array(SupportingDocument)
      .max(10)
      .default([])
      .meta({ description: 'The supporting documents seen' }),
  })
  .strict()
  .meta({ id: 'RegistryChangeRequestInput' });
export type ChangeRequestInput = z.output<typeof ChangeRequestBody>;

export const ChangeRequestPath = CantonPath.extend({
  changeId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/),
});

export const DecisionBody = z
  .object({
    outcome: z.enum(['approved', 'rejected']),
    reason: z.string().trim().min(1).max(500),
  })
  .strict()
  .meta({ id: 'RegistryChangeDecision' });
export type DecisionInput = z.output<typeof DecisionBody>;

const FieldChangeView = z
  .object({
    field: z.enum(CHANGEABLE_FIELDS),
    memberId: z.string().optional(),
    oldValue: z.unknown().meta({ description: 'The value before (null when there was none)' }),
    newValue: z.unknown().meta({ description: 'The value after (null when cleared or removed)' }),
  })
  .meta({ id: 'RegistryFieldChange' });

export const ChangeRequestView = z
  .object({
    changeId: z.string(),
    cantonId: z.string(),
    householdId: z.string(),
    requestId: z.string().optional(),
    changes: z.array(FieldChangeView),
    documents: z.array(SupportingDocument),
    status: z.enum(CHANGE_STATUSES),
    proposedBy: z.string(),
    proposedAt: z.iso.datetime(),
    decision: z
      .object({
        outcome: z.enum(['approved', 'rejected']),
        by: z.string(),
        at: z.iso.datetime(),
        reason: z.string(),
      })
      .optional(),
    householdVersion: z.number().int(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'RegistryChangeRequest' });

export const ProvisionalPath = CantonPath.extend({
  provisionalId: z.string().regex(/^PRV-[0-9A-HJKMNP-TV-Z]{26}$/),
});

const PersonName = z
  .object({ given: z.string().trim().min(1).max(80), family: z.string().trim().min(1).max(80) })
  .strict();

export const ProvisionalSearchBody = z
  .object({
    name: PersonName.optional(),
    birthYear: z.number().int().min(1900).max(2100).optional(),
    birthDate: z.iso.date().optional(),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/)
      .optional(),
  })
  .strict()
  .refine((q) => q.name !== undefined || q.phone !== undefined, {
    params: { es: 'indique un nombre o un teléfono', en: 'give a name or a phone' },
  })
  .meta({ id: 'ProvisionalIdentitySearch' });
export type ProvisionalSearchInput = z.output<typeof ProvisionalSearchBody>;

export const ProvisionalIdentityView = z
  .object({
    provisionalId: z.string(),
    cantonId: z.string(),
    name: z.object({ given: z.string(), family: z.string() }),
    nationality: z.string().optional(),
    birthYear: z.number().int().optional(),
    birthDate: z.iso.date().optional(),
    phone: z.string().optional(),
    requestIds: z.array(z.string()),
    status: z.enum(['active', 'merged']),
    merge: z
      .object({ at: z.iso.datetime(), by: z.string() })
      .optional()
      .meta({ description: 'Present while merged into a national ID (never shown here)' }),
    history: z.array(
      z.object({ action: z.enum(['merged', 'unmerged']), at: z.iso.datetime(), by: z.string() }),
    ),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'ProvisionalIdentity' });

export const ProvisionalSearchAnswer = z
  .object({
    items: z
      .array(
        z.object({
          identity: ProvisionalIdentityView,
          reasons: z.array(z.enum(['name-and-birth-date', 'name-and-birth-year', 'phone', 'name'])),
        }),
      )
      .meta({ description: 'At most 25 matches, best first: narrow the search to see others' }),
  })
  .meta({ id: 'ProvisionalIdentityMatches' });

export const MergeBody = z
  .object({
    nationalId: RegistryNationalId.meta({ description: 'The national ID the person obtained or revealed' }),
  })
  .strict()
  .meta({ id: 'ProvisionalIdentityMerge' });
export type MergeInput = z.output<typeof MergeBody>;

export const UnmergeBody = z
  .object({ reason: z.string().trim().min(1).max(500) })
  .strict()
  .meta({ id: 'ProvisionalIdentityUnmerge' });
