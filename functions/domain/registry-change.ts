import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { checkHousehold, type RegistryHousehold, RegistryMemberSchema } from './registry.js';
import type { Localized } from '#kernel/messages.js';

/**
 * Information-update requests (registry modification): a citizen asks to change their household's data; the
 * request lists each field with its old and new value and the documents seen; a second person approves or rejects
 * it; an approved change is applied to the registry copy and queued for the national registry. This module holds
 * what may change and how a change reads and applies, as pure functions over a household.
 */
export const HOUSEHOLD_FIELDS = [
  'address.parish',
  'address.street',
  'contact.phone',
  'contact.email',
] as const;
export const MEMBER_FIELDS = [
  'givenNames',
  'familyNames',
  'birthDate',
  'sex',
  'relationship',
  'nationality',
  'education',
  'disabilityPercentage',
  'occupation',
  'employed',
  'incomeBracket',
  'pregnant',
  'catastrophicIllness',
  'pensions',
  'benefits',
] as const;
/** A member born or arrived (`member.add`, the new member as value) or deceased or gone (`member.remove`). */
export const MEMBERSHIP_CHANGES = ['member.add', 'member.remove'] as const;
export const CHANGEABLE_FIELDS = [...HOUSEHOLD_FIELDS, ...MEMBER_FIELDS, ...MEMBERSHIP_CHANGES] as const;
export type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];

export const CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

export const DOCUMENT_KINDS = [
  'birth-certificate',
  'death-certificate',
  'disability-card',
  'utility-bill',
  'identity-card',
  'other',
] as const;

export const FieldChangeInput = z.strictObject({
  field: withMeta(z.string(), { description: `One of: ${CHANGEABLE_FIELDS.join(', ')}` }),
  memberId: withMeta(z.optional(z.string().check(z.maxLength(20))), {
    description: 'The member changed (member fields, member.remove)',
  }),
  value: withMeta(z.optional(z.unknown()), {
    description: 'The new value (absent to clear an optional field or for member.remove)',
  }),
});
export type FieldChangeRequest = z.infer<typeof FieldChangeInput>;

export const SupportingDocument = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  reference: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
  note: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
});

/** One change as recorded: the field, the member, and the value before and after. */
export interface FieldChange {
  readonly field: ChangeableField;
  readonly memberId?: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

export interface ChangeProblem {
  readonly path: readonly (string | number)[];
  readonly problem: Localized;
}

const get = (object: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (o, key) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[key] : undefined),
      object,
    );

function set(object: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  const copy = { ...object };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
  } else copy[head] = set((copy[head] as Record<string, unknown>) ?? {}, rest.join('.'), value);
  return copy;
}

/**
 * The changes requested against the household as it is now: each with its old value, and the household they would
 * make — checked whole, so a change that breaks the registry's rules (a second head, a birth in the future, a
 * parish of another canton) is refused before anyone approves it. `today` is YYYY-MM-DD.
 */
export function proposeChanges(
  household: RegistryHousehold,
  requested: readonly FieldChangeRequest[],
  today: string,
):
  | { ok: true; changes: FieldChange[]; household: RegistryHousehold }
  | { ok: false; problems: ChangeProblem[] } {
  const problems: ChangeProblem[] = [];
  const changes: FieldChange[] = [];
  let next: Record<string, unknown> = household as never;
  requested.forEach((change, i) => {
    const field = change.field as ChangeableField;
    if (!(CHANGEABLE_FIELDS as readonly string[]).includes(change.field)) {
      problems.push({
        path: [i, 'field'],
        problem: {
          es: `el registro no tiene el campo "${change.field}" (campos: ${CHANGEABLE_FIELDS.join(', ')})`,
          en: `the registry has no field "${change.field}" (fields: ${CHANGEABLE_FIELDS.join(', ')})`,
        },
      });
      return;
    }
    const members = next.members as RegistryHousehold['members'];
    if (field === 'member.add') {
      const parsed = RegistryMemberSchema.safeParse(change.value);
      if (!parsed.success) {
        problems.push({
          path: [
            i,
            'value',
            ...(parsed.error.issues[0]?.path ?? []).map((p) => (typeof p === 'number' ? p : String(p))),
          ],
          problem: { es: 'el nuevo miembro no es válido', en: 'the new member is not valid' },
        });
        return;
      }
      changes.push({ field, memberId: parsed.data.memberId, oldValue: null, newValue: parsed.data });
      next = { ...next, members: [...members, parsed.data] };
      return;
    }
    if ((HOUSEHOLD_FIELDS as readonly string[]).includes(field)) {
      changes.push({ field, oldValue: get(next, field) ?? null, newValue: change.value ?? null });
      next = set(next, field, change.value);
      return;
    }
    const index = members.findIndex((m) => m.memberId === change.memberId);
    if (index < 0) {
      problems.push({
        path: [i, 'memberId'],
        problem: { es: 'el hogar no tiene ese miembro', en: 'the household has no such member' },
      });
      return;
    }
    const member = members[index] as RegistryHousehold['members'][number];
    if (field === 'member.remove') {
      changes.push({ field, memberId: member.memberId, oldValue: member, newValue: null });
      next = { ...next, members: members.filter((_, j) => j !== index) };
      return;
    }
    changes.push({
      field,
      memberId: member.memberId,
      oldValue: get(member, field) ?? null,
      newValue: change.value ?? null,
    });
    next = {
      ...next,
      members: members.map((m, j) => (j === index ? set(m as never, field, change.value) : m)),
    };
  });
  if (problems.length > 0) return { ok: false, problems };
  const checked = checkHousehold(next, today);
  if (!checked.ok) {
    return {
      ok: false,
      problems: checked.problems.map((p) => ({
        path: [],
        problem: { es: `${p.path.join('.')}: ${p.problem.es}`, en: `${p.path.join('.')}: ${p.problem.en}` },
      })),
    };
  }
  return { ok: true, changes, household: checked.household };
}

/** Whether the household still holds every old value the change request recorded (else it changed meanwhile). */
export function stillAsProposed(household: RegistryHousehold, changes: readonly FieldChange[]): boolean {
  return changes.every((c) => {
    if (c.field === 'member.add') return !household.members.some((m) => m.memberId === c.memberId);
    if ((HOUSEHOLD_FIELDS as readonly string[]).includes(c.field))
      return JSON.stringify(get(household, c.field) ?? null) === JSON.stringify(c.oldValue);
    const member = household.members.find((m) => m.memberId === c.memberId);
    if (!member) return false;
    if (c.field === 'member.remove') return true;
    return JSON.stringify(get(member, c.field) ?? null) === JSON.stringify(c.oldValue);
  });
}
