import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import type { CantonDefinition } from './canton.js';
import { coordinatorsOf } from './canton-staff.js';
import { type Duration, DURATION_UNITS, nominalHours, localDate } from './deadlines.js';
import { EligibilityRuleSchema } from './eligibility-rule-schema.js';
import type { Localized } from '#kernel/messages.js';
import { SubcategoryRef } from './taxonomy-schema.js';
import { NATIONAL_CANTON_ID, reachedByEscalation } from './protocol-reach.js';
import {
  COUNTER_REFERRAL_FIELDS,
  parseBilingual,
  type Parsed,
  type ProtocolProblem,
} from './bilingual-parse.js';

/**
 * Collaboration protocols (DOMAIN.md): per canton and subcategory, who handles the request, the deadlines with
 * their reminders and escalation ladders, the counter-referral fields and the indicators that assess the protocol.
 * National templates (canton `national`) may be inherited by cantons with overrides. Versions never overlap; a
 * referral keeps the version it started with (its timers are computed once, see deadlines.ts).
 *
 * Custom checks carry their text in `params: { es, en }` like the rest of the API (http/handler.ts).
 */

export { NATIONAL_CANTON_ID } from './protocol-reach.js';
export {
  COUNTER_REFERRAL_FIELDS,
  fieldPath,
  parseBilingual,
  type Parsed,
  type ProtocolProblem,
} from './bilingual-parse.js';
export const HANDLERS = ['operator', 'swcs-officer'] as const;
export const DEADLINE_NAMES = ['acknowledgement', 'counterReferral'] as const;
export const ESCALATION_ROLES = ['supervisor', 'canton-coordinator', 'national-coordinator'] as const;
/**
 * What happens when a referral is stuck — its acknowledgement ladder ran out unanswered, or the provider rejected
 * it for no capacity or outside its service area: `notify` tells the referring officer and offers the next
 * eligible services with spots (one action re-refers); `re-route` re-refers to the first of them at once, never
 * twice to the same provider, and tells the referring officer so.
 */
export const BREACH_ACTIONS = ['notify', 're-route'] as const;
/** A counter-referral without these says nothing: was the citizen assisted, and how did it end. */
export const ALWAYS_REQUIRED_COUNTER_REFERRAL_FIELDS = ['assisted', 'outcome'] as const;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'boolean', 'date'] as const;
export const INDICATORS = [
  'on-time-acknowledgement-rate',
  'on-time-counter-referral-rate',
  'escalation-rate',
  'assisted-rate',
  'spots-used',
  'citizen-confirmed-rate',
] as const;
/** Indicators that are counts, not rates: a target in [0, 1] means nothing for them. */
export const COUNT_INDICATORS: readonly Indicator[] = ['spots-used'];

export const MAX_REMINDERS = 5;
export const MAX_ESCALATION_STEPS = 6;
export const MAX_CUSTOM_FIELDS = 20;
/** Upper bounds that keep a typo (8000 working days) from becoming a referral that never expires. */
export const MAX_DURATION: Readonly<Record<Duration['unit'], number>> = { hours: 8760, 'working-days': 250 };

export type Handler = (typeof HANDLERS)[number];
export type DeadlineName = (typeof DEADLINE_NAMES)[number];
export type EscalationRole = (typeof ESCALATION_ROLES)[number];
export type CounterReferralField = (typeof COUNTER_REFERRAL_FIELDS)[number];
export type Indicator = (typeof INDICATORS)[number];
export type BreachAction = (typeof BREACH_ACTIONS)[number];

/** A problem with one field: `field` is a dotted path, `problem` is in both languages. */

const text = (es: string, en: string): Localized => ({ es, en });
const msg = (es: string, en: string) => ({ message: en, params: text(es, en) });

const spell = (d: Duration): Localized =>
  d.unit === 'hours'
    ? text(
        `${d.amount} ${d.amount === 1 ? 'hora' : 'horas'}`,
        `${d.amount} ${d.amount === 1 ? 'hour' : 'hours'}`,
      )
    : text(
        `${d.amount} ${d.amount === 1 ? 'día hábil' : 'días hábiles'}`,
        `${d.amount} ${d.amount === 1 ? 'working day' : 'working days'}`,
      );

const unique = <T>(list: readonly T[]) => new Set(list).size === list.length;

/** Cross-field checks skip durations already refused, so one mistake is reported once. */
const usable = (d: Duration | undefined): d is Duration =>
  d !== undefined && Number.isInteger(d.amount) && d.amount > 0;

// ---- Building blocks ----

export const DurationSchema = withMeta(
  z
    .strictObject({
      amount: z.number().check(z.int(), z.positive()),
      unit: z.enum(DURATION_UNITS),
    })
    .check(
      z.superRefine((d, ctx) => {
        const max = MAX_DURATION[d.unit];
        if (d.amount > max) {
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            ...msg(
              `no puede superar ${max} para la unidad ${d.unit}`,
              `must be at most ${max} for unit ${d.unit}`,
            ),
          });
        }
      }),
    ),
  { id: 'Duration', examples: [{ amount: 2, unit: 'working-days' }] },
);

export const ProtocolSubcategorySchema = SubcategoryRef;

const StaffId = z
  .string()
  .check(
    z.refine(
      (value) => /^[a-z0-9][a-z0-9._-]{1,63}$/.test(value),
      msg('no es un identificador de funcionario', 'is not a staff id'),
    ),
  );

/**
 * Whom a step notifies: a role resolved when the step fires (`supervisor` is the contact officer's supervisor in
 * the catalogue, the coordinators come from the canton definitions) or one named staff member.
 * One object with exactly one key, rather than a union, so that a wrong role gets zod's precise message.
 */
export const EscalationTargetSchema = z
  .strictObject({
    role: z.optional(z.enum(ESCALATION_ROLES)),
    staffId: z.optional(StaffId),
  })
  .check(
    z.refine(
      (t) => (t.role === undefined) !== (t.staffId === undefined),
      msg('indique un rol o un funcionario (staffId), no ambos', 'give either a role or a staffId, not both'),
    ),
  );

export const EscalationStepSchema = z.strictObject({
  after: withMeta(DurationSchema, { description: 'Time after the deadline at which this step fires' }),
  notify: EscalationTargetSchema,
});

const EscalationLadderSchema = z.array(EscalationStepSchema).check(
  z.minLength(1),
  z.maxLength(MAX_ESCALATION_STEPS),
  z.superRefine((ladder, ctx) => {
    ladder.forEach((step, i) => {
      const previous = ladder[i - 1];
      if (
        usable(previous?.after) &&
        usable(step.after) &&
        nominalHours(step.after) <= nominalHours(previous.after)
      ) {
        const p = spell(previous.after);
        ctx.addIssue({
          code: 'custom',
          path: [i, 'after'],
          ...msg(
            `debe ser posterior al paso ${i - 1} (${p.es} después del plazo)`,
            `must be later than step ${i - 1} (${p.en} after the deadline)`,
          ),
        });
      }
    });
    const last = ladder.at(-1);
    if (last && last.notify.role !== 'national-coordinator') {
      ctx.addIssue({
        code: 'custom',
        path: [ladder.length - 1, 'notify'],
        ...msg(
          'la escalera debe terminar en la ventanilla única nacional (rol national-coordinator)',
          'the ladder must end at the national single window (role national-coordinator)',
        ),
      });
    }
  }),
);

export const CustomFieldSchema = z.strictObject({
  name: z
    .string()
    .check(
      z.refine(
        (value) => /^[a-z][a-zA-Z0-9]{1,39}$/.test(value),
        msg(
          'debe estar en camelCase (2 a 40 letras o dígitos)',
          'must be camelCase (2–40 letters or digits)',
        ),
      ),
    ),
  type: z.enum(CUSTOM_FIELD_TYPES),
  label: z.strictObject({
    es: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    en: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
  }),
  required: z.optional(z.boolean()),
});

export const CounterReferralRulesSchema = z
  .strictObject({
    requiredFields: z.array(z.enum(COUNTER_REFERRAL_FIELDS)),
    customFields: z.optional(z.array(CustomFieldSchema).check(z.maxLength(MAX_CUSTOM_FIELDS))),
  })
  .check(
    z.superRefine((rules, ctx) => {
      for (const field of ALWAYS_REQUIRED_COUNTER_REFERRAL_FIELDS) {
        if (!rules.requiredFields.includes(field)) {
          ctx.addIssue({
            code: 'custom',
            path: ['requiredFields'],
            ...msg(`debe incluir "${field}"`, `must include "${field}"`),
          });
        }
      }
      if (!unique(rules.requiredFields)) {
        ctx.addIssue({
          code: 'custom',
          path: ['requiredFields'],
          ...msg('no debe repetir un campo', 'must not repeat a field'),
        });
      }
      const seen = new Set<string>();
      (rules.customFields ?? []).forEach((field, i) => {
        if ((COUNTER_REFERRAL_FIELDS as readonly string[]).includes(field.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customFields', i, 'name'],
            ...msg(
              `"${field.name}" es un campo estándar de la contrarreferencia`,
              `"${field.name}" is a standard counter-referral field`,
            ),
          });
        } else if (seen.has(field.name)) {
          ctx.addIssue({
            code: 'custom',
            path: ['customFields', i, 'name'],
            ...msg(`"${field.name}" está repetido`, `"${field.name}" is repeated`),
          });
        }
        seen.add(field.name);
      });
    }),
  );

const IsoDate = withMeta(z.iso.date(), { description: 'Local date in the canton (YYYY-MM-DD)' });

/** `until` is exclusive: the first day the version no longer applies, so one version ends where the next starts. */
export const ValiditySchema = z.strictObject({ from: IsoDate, until: z.optional(IsoDate) }).check(
  z.refine((v) => v.until === undefined || v.until > v.from, {
    path: ['until'],
    ...msg('debe ser posterior a "from"', 'must be after "from"'),
  }),
);

export const IndicatorTargetSchema = z.strictObject({
  id: z.enum(INDICATORS),
  target: z.optional(z.number().check(z.gte(0), z.lte(1))),
});

const IndicatorsSchema = z.array(IndicatorTargetSchema).check(
  z.minLength(1),
  z.superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((indicator, i) => {
      if (seen.has(indicator.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'id'],
          ...msg(`"${indicator.id}" está repetido`, `"${indicator.id}" is repeated`),
        });
      }
      seen.add(indicator.id);
      if (indicator.target !== undefined && COUNT_INDICATORS.includes(indicator.id)) {
        ctx.addIssue({
          code: 'custom',
          path: [i, 'target'],
          ...msg(
            `"${indicator.id}" es un conteo, no una tasa: no admite meta`,
            `"${indicator.id}" is a count, not a rate: it takes no target`,
          ),
        });
      }
    });
  }),
);

const perDeadline = <T extends z.core.$ZodType>(schema: T) =>
  z.strictObject({ acknowledgement: schema, counterReferral: schema });

const ServiceIds = z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(100));

const ProtocolShape = {
  subcategory: ProtocolSubcategorySchema,
  handledBy: withMeta(z.enum(HANDLERS), {
    description: 'operator: answered on the spot; swcs-officer: referred',
  }),
  eligibleServiceIds: withMeta(ServiceIds, {
    description:
      "Services the protocol's requests are referred to. A canton's: services of its own catalogue (none: any active service of it that serves the subcategory). A national template's: national services, which a canton inheriting the template reaches by escalation",
  }),
  nationalServiceIds: withMeta(z.optional(ServiceIds), {
    description:
      'Canton protocols only: national services the requests reach by escalating them to the national single window (POST /cantons/{cantonId}/requests/{requestId}/escalation), never by a canton referral. Inherited from the national template unless overridden',
  }),
  eligibility: z.optional(EligibilityRuleSchema),
  deadlines: perDeadline(DurationSchema),
  reminders: withMeta(perDeadline(z.array(DurationSchema).check(z.maxLength(MAX_REMINDERS))), {
    description: 'For each deadline, how long before it a reminder is sent',
  }),
  escalation: perDeadline(EscalationLadderSchema),
  counterReferral: CounterReferralRulesSchema,
  validity: ValiditySchema,
  indicators: IndicatorsSchema,
  appealPeriod: withMeta(z.optional(DurationSchema), {
    description:
      'Complaint protocols: how long after a decision the citizen may appeal it to the national single window (15 working days when absent)',
  }),
  onBreach: withMeta(z.optional(z.enum(BREACH_ACTIONS)), {
    description:
      'When a referral is stuck (its acknowledgement ladder ran out unanswered, or it was rejected for no-capacity or outside-service-area): notify (the default) tells the referring officer and offers the next eligible services with spots; re-route re-refers at once to the first of them, never twice to the same provider',
  }),
  citizenConfirmation: withMeta(
    z.optional(
      z.strictObject({
        workingDays: withMeta(z.number().check(z.int(), z.gte(1), z.lte(30)), {
          description:
            'Working days the citizen has to answer the SMS "did you receive the service?" before the referral appears in the operators\' call-back list (default 5)',
        }),
      }),
    ),
    { description: "How long a completed referral waits for the citizen's own confirmation" },
  ),
};

export const ProtocolDefinitionSchema = withMeta(
  z.strictObject(ProtocolShape).check(
    z.superRefine((p, ctx) => {
      for (const list of ['eligibleServiceIds', 'nationalServiceIds'] as const) {
        if (!unique(p[list] ?? [])) {
          ctx.addIssue({
            code: 'custom',
            path: [list],
            ...msg('no debe repetir un servicio', 'must not repeat a service'),
          });
        }
      }
      for (const name of DEADLINE_NAMES) {
        const deadline = p.deadlines?.[name];
        if (!usable(deadline)) continue;
        const d = spell(deadline);
        const seen = new Set<number>();
        (p.reminders?.[name] ?? []).forEach((reminder, i) => {
          if (!usable(reminder)) return;
          const hours = nominalHours(reminder);
          if (hours >= nominalHours(deadline)) {
            ctx.addIssue({
              code: 'custom',
              path: ['reminders', name, i],
              ...msg(
                `debe ser más corto que el plazo (${d.es}): un recordatorio va antes del plazo`,
                `must be shorter than the deadline (${d.en}): a reminder comes before the deadline`,
              ),
            });
          } else if (seen.has(hours)) {
            ctx.addIssue({
              code: 'custom',
              path: ['reminders', name, i],
              ...msg('repite otro recordatorio', 'repeats another reminder'),
            });
          }
          seen.add(hours);
        });
      }
    }),
  ),
  { id: 'ProtocolDefinition' },
);

export type ProtocolDefinition = z.infer<typeof ProtocolDefinitionSchema>;
export type EscalationStep = z.infer<typeof EscalationStepSchema>;
export type EscalationTarget = z.infer<typeof EscalationTargetSchema>;
export type CustomField = z.infer<typeof CustomFieldSchema>;

// ---- Parsing with both languages: bilingual-parse.ts, which the counter-referral's check loads alone ----

export function parseProtocolDefinition(value: unknown): Parsed<ProtocolDefinition> {
  return parseBilingual(ProtocolDefinitionSchema, value);
}

// ---- References to the world outside the document ----

export interface ReferenceContext {
  readonly canton: CantonDefinition;
  readonly national: CantonDefinition;
  /** Ids of the services in the canton's own catalogue: the only ones its officers refer to. */
  readonly serviceIds: ReadonlySet<string>;
  /** Ids of the services in the national catalogue, which a canton's requests reach by escalation. */
  readonly nationalServiceIds: ReadonlySet<string>;
}

/**
 * What the schema cannot know: the people, coordinators and services a protocol names must exist. A staffId may
 * be staff of the canton or of the national single window (the national level of the ladder). `supervisor` is
 * resolved from the catalogue when the step fires (the contact officer's supervisor), so it is not checked here.
 * A protocol offers only what its canton can refer to: a canton's `eligibleServiceIds` name services of its own
 * catalogue, its `nationalServiceIds` national ones (reached by escalation); a national template's services are
 * national and it escalates to nobody.
 */
export function validateProtocolReferences(
  definition: ProtocolDefinition,
  context: ReferenceContext,
): ProtocolProblem[] {
  const problems: ProtocolProblem[] = [];
  const { canton, national } = context;
  const add = (field: string, es: string, en: string) => problems.push({ field, problem: text(es, en) });

  if (!(canton.enabledCategories as readonly string[]).includes(definition.subcategory.category)) {
    add(
      'subcategory.category',
      `el cantón ${canton.id} no atiende la categoría "${definition.subcategory.category}"`,
      `canton ${canton.id} does not handle category "${definition.subcategory.category}"`,
    );
  }
  for (const name of DEADLINE_NAMES) {
    definition.escalation[name].forEach((step, i) => {
      const at = `escalation.${name}.${i}.notify`;
      const { role, staffId } = step.notify;
      if (staffId !== undefined) {
        const known = [canton, national].some((c) => c.staff.some((s) => s.id === staffId));
        if (!known) {
          add(
            `${at}.staffId`,
            `"${staffId}" no es personal del cantón ${canton.id} ni de la ventanilla nacional`,
            `"${staffId}" is not staff of canton ${canton.id} nor of the national single window`,
          );
        }
      } else if (role === 'canton-coordinator' && coordinatorsOf(canton).length === 0) {
        add(
          `${at}.role`,
          `el cantón ${canton.id} no tiene coordinador a quien escalar`,
          `canton ${canton.id} has no coordinator to escalate to`,
        );
      } else if (role === 'national-coordinator' && coordinatorsOf(national).length === 0) {
        add(
          `${at}.role`,
          'la ventanilla nacional no tiene coordinador a quien escalar',
          'the national single window has no coordinator to escalate to',
        );
      }
    });
  }
  const isNational = canton.id === NATIONAL_CANTON_ID;
  definition.eligibleServiceIds.forEach((serviceId, i) => {
    if (context.serviceIds.has(serviceId)) return;
    const field = `eligibleServiceIds.${i}`;
    if (!isNational && context.nationalServiceIds.has(serviceId)) {
      const { es, en } = reachedByEscalation(serviceId, canton.id);
      add(field, `${es}; nómbrelo en nationalServiceIds`, `${en}; name it in nationalServiceIds instead`);
    } else {
      add(
        field,
        `el servicio "${serviceId}" no existe en el catálogo`,
        `service "${serviceId}" does not exist in the catalogue`,
      );
    }
  });
  const escalated = definition.nationalServiceIds ?? [];
  if (isNational && escalated.length > 0) {
    add(
      'nationalServiceIds',
      'una plantilla nacional deriva directamente a los servicios nacionales: nómbrelos en eligibleServiceIds',
      'a national template refers to national services directly: name them in eligibleServiceIds',
    );
  } else {
    escalated.forEach((serviceId, i) => {
      if (context.nationalServiceIds.has(serviceId)) return;
      const own = context.serviceIds.has(serviceId);
      add(
        `nationalServiceIds.${i}`,
        own
          ? `"${serviceId}" es un servicio del cantón ${canton.id}: nómbrelo en eligibleServiceIds`
          : `el servicio "${serviceId}" no existe en el catálogo nacional`,
        own
          ? `"${serviceId}" is a service of canton ${canton.id}: name it in eligibleServiceIds`
          : `service "${serviceId}" does not exist in the national catalogue`,
      );
    });
  }
  return problems;
}

// ---- Inheritance ----

const partialPerDeadline = <T extends z.core.$ZodType>(schema: T) =>
  z.strictObject({ acknowledgement: z.optional(schema), counterReferral: z.optional(schema) });

/**
 * What a canton may change in a national template. Objects merge key by key; arrays, durations and the
 * eligibility rule replace the template's whole (their parts only make sense together). The subcategory is the
 * template's and cannot be changed. The template's services arrive as `nationalServiceIds` (see
 * inheritedDefinition): `eligibleServiceIds` names the canton's own.
 */
export const ProtocolOverridesSchema = z.strictObject({
  handledBy: z.optional(ProtocolShape.handledBy),
  eligibleServiceIds: z.optional(ProtocolShape.eligibleServiceIds),
  nationalServiceIds: ProtocolShape.nationalServiceIds,
  eligibility: ProtocolShape.eligibility,
  deadlines: z.optional(partialPerDeadline(DurationSchema)),
  reminders: z.optional(partialPerDeadline(z.array(DurationSchema).check(z.maxLength(MAX_REMINDERS)))),
  escalation: z.optional(partialPerDeadline(EscalationLadderSchema)),
  counterReferral: z.optional(
    z.strictObject({
      requiredFields: z.optional(z.array(z.enum(COUNTER_REFERRAL_FIELDS))),
      customFields: z.optional(z.array(CustomFieldSchema).check(z.maxLength(MAX_CUSTOM_FIELDS))),
    }),
  ),
  validity: z.optional(z.strictObject({ from: z.optional(IsoDate), until: z.optional(IsoDate) })),
  indicators: z.optional(IndicatorsSchema),
  appealPeriod: ProtocolShape.appealPeriod,
  onBreach: ProtocolShape.onBreach,
  citizenConfirmation: ProtocolShape.citizenConfirmation,
});

export const ProtocolOverrideDocumentSchema = withMeta(
  z.strictObject({
    inherits: z.literal(NATIONAL_CANTON_ID),
    overrides: ProtocolOverridesSchema,
  }),
  { id: 'ProtocolOverrideDocument' },
);

export type ProtocolOverrides = z.infer<typeof ProtocolOverridesSchema>;
export type ProtocolOverrideDocument = z.infer<typeof ProtocolOverrideDocumentSchema>;

/** A canton's protocol document: its own full definition, or the national template with overrides. */
export const ProtocolDocumentSchema = z.union([ProtocolDefinitionSchema, ProtocolOverrideDocumentSchema]);

export function isOverrideDocument(document: unknown): boolean {
  return typeof document === 'object' && document !== null && 'inherits' in document;
}

/** Objects replaced whole by an override rather than merged. */
const ATOMIC_PATHS = new Set(['eligibility', 'deadlines.acknowledgement', 'deadlines.counterReferral']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function merge(base: unknown, override: unknown, path: string[]): unknown {
  if (override === undefined) return structuredClone(base);
  if (!isPlainObject(base) || !isPlainObject(override) || ATOMIC_PATHS.has(path.join('.'))) {
    return structuredClone(override);
  }
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(override)) {
    if (value !== undefined) out[key] = merge(base[key], value, [...path, key]);
  }
  return out;
}

/** Whether the value at `path` of the merged definition came from (or was changed by) the override. */
function touchedByOverride(path: readonly PropertyKey[], overrides: unknown): boolean {
  let node = overrides;
  for (const key of path) {
    if (!isPlainObject(node)) return true; // a replaced array or duration: everything below is the override's
    node = node[String(key)];
    if (node === undefined) return false;
  }
  return true;
}

export type Resolved =
  | { ok: true; definition: ProtocolDefinition; inherited: boolean }
  | { ok: false; problems: ProtocolProblem[] };

/**
 * A national template as a canton inherits it. The template's services are national ones, which a canton never
 * refers to: for the canton they are the national services its requests reach by escalation, and its own list
 * starts empty (any service of its catalogue that serves the subcategory) until it names its own.
 */
export function inheritedDefinition(template: ProtocolDefinition): ProtocolDefinition {
  const { eligibleServiceIds, nationalServiceIds: _none, ...rest } = template;
  return { ...rest, eligibleServiceIds: [], nationalServiceIds: [...eligibleServiceIds] };
}

/** Problems with a merged definition, named the way the canton wrote its document (see resolveProtocol). */
function locateInOverrides(problems: readonly ProtocolProblem[], overrides: unknown): ProtocolProblem[] {
  return problems.map(({ field, problem }) => {
    const path = field === '(protocol)' ? [] : field.split('.');
    if (path.length > 0 && touchedByOverride(path, overrides))
      return { field: `overrides.${field}`, problem };
    return {
      field,
      problem: text(
        `${problem.es} (campo heredado de la plantilla nacional)`,
        `${problem.en} (field inherited from the national template)`,
      ),
    };
  });
}

/**
 * Names problems found in a resolved definition (its references, say) as the canton's document does: unchanged for
 * a full definition, under `overrides.` or as inherited for an override document.
 */
export function locateProblems(
  problems: readonly ProtocolProblem[],
  cantonDocument: unknown,
): ProtocolProblem[] {
  if (!isOverrideDocument(cantonDocument)) return [...problems];
  return locateInOverrides(problems, (cantonDocument as { overrides?: unknown }).overrides);
}

/**
 * The definition a canton's document stands for. An override document is merged onto the template as the canton
 * inherits it (see inheritedDefinition and ProtocolOverridesSchema) and the result must be a valid full
 * definition: problems in fields the canton set are reported under `overrides.`; problems that an override caused
 * in an inherited field (a shorter deadline than an inherited reminder) name the inherited field and say it is
 * inherited.
 */
export function resolveProtocol(template: ProtocolDefinition, cantonDocument: unknown): Resolved {
  if (!isOverrideDocument(cantonDocument)) {
    const parsed = parseProtocolDefinition(cantonDocument);
    return parsed.ok ? { ok: true, definition: parsed.value, inherited: false } : parsed;
  }
  const document = parseBilingual(ProtocolOverrideDocumentSchema, cantonDocument);
  if (!document.ok) return document;
  const { overrides } = document.value;
  const merged = parseProtocolDefinition(merge(inheritedDefinition(template), overrides, []));
  if (merged.ok) return { ok: true, definition: merged.value, inherited: true };
  return { ok: false, problems: locateInOverrides(merged.problems, overrides) };
}

// ---- Versions and validity ----

// Which version is in force: in protocol-validity.ts, for readers that need no protocol schema.
export { isExpired, protocolInForce } from './protocol-validity.js';

export interface PublishedProtocol {
  readonly cantonId: string;
  readonly category: string;
  readonly subcategory: string;
  /** 1, 2, … per canton and subcategory. */
  readonly version: number;
  /** The resolved, full definition: what referrals snapshot. */
  readonly definition: ProtocolDefinition;
  readonly publishedAt: string;
  readonly publishedBy: string;
  readonly inheritsFrom?: { readonly cantonId: typeof NATIONAL_CANTON_ID; readonly version: number };
}

export type PublicationPlan =
  | {
      ok: true;
      version: number;
      /** The previous version's new `until`, for the store to record; absent when it already ends in time. */
      previous?: { readonly version: number; readonly until: string };
    }
  | { ok: false; version: number; problems: ProtocolProblem[] };

/**
 * Checks that a new version can follow the existing ones (all of one canton and subcategory) and says what to
 * record. A new version may not start in the past (in the canton's time zone): which protocol governed a past day
 * must never change after the fact, or indicators would be judged against rules nobody was following. The first
 * version may: it records an agreement that may well have been signed before the canton joined.
 */
export function planPublication(
  existingVersions: readonly PublishedProtocol[],
  newDefinition: ProtocolDefinition,
  now: Date,
  timeZone: string,
): PublicationPlan {
  const version = Math.max(0, ...existingVersions.map((v) => v.version)) + 1;
  const problems: ProtocolProblem[] = [];
  const { from } = newDefinition.validity;
  const { category, subcategory } = newDefinition.subcategory;

  const foreign = existingVersions.find((v) => v.category !== category || v.subcategory !== subcategory);
  if (foreign) {
    problems.push({
      field: 'subcategory',
      problem: text(
        `las versiones existentes son de ${foreign.category}/${foreign.subcategory}`,
        `the existing versions are for ${foreign.category}/${foreign.subcategory}`,
      ),
    });
  }
  const today = localDate(now, timeZone);
  if (existingVersions.length > 0 && from < today) {
    problems.push({
      field: 'validity.from',
      problem: text(
        `no puede empezar en el pasado (hoy es ${today})`,
        `cannot start in the past (today is ${today})`,
      ),
    });
  }
  // Versions start in increasing order, so the one starting last is the only one the new version can overlap.
  const latest = [...existingVersions].sort((a, b) =>
    a.definition.validity.from < b.definition.validity.from ? 1 : -1,
  )[0];
  if (latest && from <= latest.definition.validity.from) {
    const start = latest.definition.validity.from;
    problems.push({
      field: 'validity.from',
      problem: text(
        `se superpone con la versión ${latest.version}, vigente desde ${start}: debe ser posterior a esa fecha`,
        `overlaps version ${latest.version}, in force from ${start}: it must be after that date`,
      ),
    });
  }
  if (problems.length > 0) return { ok: false, version, problems };
  const until = latest?.definition.validity.until;
  if (latest && (until === undefined || until > from)) {
    return { ok: true, version, previous: { version: latest.version, until: from } };
  }
  return { ok: true, version };
}

// ---- Where a request can go: protocol-reach.ts, which lighter functions load alone ----

export {
  escalationRoute,
  NATIONAL_SERVICES_BY_ESCALATION,
  predatesNationalServiceIds,
  reachedByEscalation,
  type ReferralTargets,
  referralTargets,
} from './protocol-reach.js';
