import * as z from 'zod/mini';
import { findCategory } from './taxonomy.js';

/**
 * What the complaints capability receives (PQSSF: preguntas, quejas, sugerencias, solicitudes de información y
 * felicitaciones): the codes its bodies take. The bodies' schemas are in modules of their own, by the operations
 * that take them, so that each operation builds only its own when it loads: a case as opened
 * (complaint-open-input.ts), an activity (complaint-activity-input.ts), its progress (complaint-progress-input.ts),
 * and a resolution with its reply, an appeal and a satisfaction rating (complaint-decision-input.ts). The domain's
 * rules take their types; the API validates its bodies with these same schemas.
 */

/** The PQSSF types: the subcategories of the complaint category (domain/taxonomy.ts), in the same order. */
export const COMPLAINT_TYPES = [
  'question',
  'complaint',
  'claim',
  'suggestion',
  'information-request',
  'congratulation',
] as const;
export type ComplaintType = (typeof COMPLAINT_TYPES)[number];

/** The category whose classification opens a complaint case. */
export const COMPLAINT_CATEGORY = 'complaint';

export function isComplaintType(code: string): code is ComplaintType {
  return (COMPLAINT_TYPES as readonly string[]).includes(code);
}

/** Kept in step with the taxonomy: a subcategory added there without a type here fails the domain tests. */
export const complaintSubcategories = () =>
  findCategory(COMPLAINT_CATEGORY)?.subcategories.map((s) => s.code) ?? [];

/**
 * Types whose cases are hidden from everyone but the people assigned and the coordinators (HOPE's sensitive
 * types): the unit or provider a complaint is about must never read it.
 */
export const SENSITIVE_REASONS = [
  'abuse',
  'violence',
  'sexual-exploitation',
  'corruption',
  'staff-misconduct',
  'data-breach',
] as const;
export type SensitiveReason = (typeof SENSITIVE_REASONS)[number];

/** How the reply reaches the citizen: sent by SMS or e-mail, or recorded as given by phone or in person. */
export const REPLY_CHANNELS = ['sms', 'email', 'phone', 'in-person'] as const;
export type ReplyChannel = (typeof REPLY_CHANNELS)[number];

export const DECISIONS = [
  'upheld',
  'partly-upheld',
  'not-upheld',
  'withdrawn',
  'referred-to-casework',
  'redirected',
] as const;
export type Decision = (typeof DECISIONS)[number];

export const ACTIVITY_STATUSES = ['pending', 'in-progress', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

/** A custom check's text in both languages, as the API reports it. */
export const msg = (es: string, en: string) => ({ params: { es, en } });
/** A text the citizen or the staff write: trimmed, 1 to `max` characters. */
export const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
