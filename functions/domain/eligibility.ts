import { lazy } from '#kernel/lazy.js';
import { type AttributeName, attributeDefinition, type CitizenProfile } from './citizen-attributes.js';
import {
  type DescribedAttribute,
  describedAttribute,
  type EnumWords,
  enumValueWords,
  type NumberWords,
} from './citizen-attribute-words.js';
import {
  assertValidRule,
  type EligibilityRule,
  type Operator,
  orList,
  type Scalar,
} from './eligibility-rule.js';
import type { Localized } from '#kernel/messages.js';
import type { Language } from './taxonomy.js';

/**
 * Whether a citizen meets an eligibility rule (eligibility-rule.ts), and the rule and its unmet criteria in words
 * an officer can read to the citizen, in Spanish or English.
 *
 * Evaluation uses three-valued logic: a comparison on an attribute the profile lacks is *unknown*, not false, so
 * that `not` over missing data never makes someone eligible by accident; only a rule that is surely true is met.
 */

export interface Explanation {
  /** The attribute that failed; for a failed `any`, the attributes of its alternatives, comma-separated. */
  readonly attribute: string;
  /** `unknown` when the profile lacks the data to decide: updating it may change the answer. */
  readonly reason: 'not-met' | 'unknown';
  readonly text: Localized;
}

export interface EligibilityResult {
  readonly eligible: boolean;
  readonly unmet: readonly Explanation[];
}

// The rule's type, for the callers that evaluate or describe one.
export type { EligibilityRule } from './eligibility-rule.js';

const text = (es: string, en: string): Localized => ({ es, en });

// ---- Normal form: negation pushed down to the comparisons (De Morgan), nested groups of one kind flattened ----

type InternalOp = Operator | 'notBetween';
type DescribedNumber = Extract<DescribedAttribute, { readonly type: 'integer' | 'number' }>;

interface Condition {
  readonly kind: 'condition';
  readonly attribute: AttributeName;
  readonly op: InternalOp;
  readonly value: Scalar | readonly Scalar[];
}

interface Group {
  readonly kind: 'all' | 'any';
  readonly children: readonly Node[];
}

type Node = Condition | Group;

const NEGATION: Readonly<Record<InternalOp, InternalOp>> = {
  eq: 'ne',
  ne: 'eq',
  lt: 'gte',
  lte: 'gt',
  gt: 'lte',
  gte: 'lt',
  in: 'notIn',
  notIn: 'in',
  between: 'notBetween',
  notBetween: 'between',
  exists: 'exists',
};

function normalize(rule: EligibilityRule, negated: boolean): Node {
  if ('not' in rule) return normalize(rule.not, !negated);
  if ('all' in rule || 'any' in rule) {
    const isAll = 'all' in rule;
    const kind = isAll !== negated ? 'all' : 'any';
    const children = (isAll ? rule.all : rule.any)
      .map((child) => normalize(child, negated))
      .flatMap((child) => (child.kind === kind ? child.children : [child]));
    return children.length === 1 && children[0] ? children[0] : { kind, children };
  }
  let op: InternalOp = negated ? NEGATION[rule.op] : rule.op;
  let value: Scalar | readonly Scalar[] = negated && rule.op === 'exists' ? !rule.value : rule.value;
  // Yes/no attributes only ever read as "must (not) …": `ne true` is `eq false`.
  if (attributeDefinition(rule.attribute).type === 'boolean' && op === 'ne') {
    op = 'eq';
    value = !value;
  }
  return { kind: 'condition', attribute: rule.attribute, op, value };
}

// ---- Evaluation ----

type Truth = 'yes' | 'no' | 'unknown';

function comparable(value: Scalar): Scalar {
  // Provinces and nationalities are typed by hand: compare without case or accents.
  return typeof value === 'string'
    ? value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase()
    : value;
}

/** The profile's value when it has the attribute's type; anything else counts as not known. */
function known(profile: CitizenProfile, attribute: AttributeName): Scalar | undefined {
  const value: unknown = profile[attribute];
  const definition = attributeDefinition(attribute);
  switch (definition.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'enum':
      return typeof value === 'string' && definition.codes.includes(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
  }
}

function compare(condition: Condition, actual: Scalar | undefined): Truth {
  const { op, value } = condition;
  if (op === 'exists') return (actual !== undefined) === value ? 'yes' : 'no';
  if (actual === undefined) return 'unknown';
  const a = comparable(actual);
  const list = (Array.isArray(value) ? value : [value]).map(comparable);
  const [first = 0, second = 0] = list as number[];
  const n = a as number;
  const outcome: Record<Exclude<InternalOp, 'exists'>, () => boolean> = {
    eq: () => a === list[0],
    ne: () => a !== list[0],
    lt: () => n < first,
    lte: () => n <= first,
    gt: () => n > first,
    gte: () => n >= first,
    in: () => list.includes(a),
    notIn: () => !list.includes(a),
    between: () => n >= first && n <= second,
    notBetween: () => n < first || n > second,
  };
  return outcome[op]() ? 'yes' : 'no';
}

function truthOf(node: Node, profile: CitizenProfile): Truth {
  if (node.kind === 'condition') return compare(node, known(profile, node.attribute));
  const truths = node.children.map((child) => truthOf(child, profile));
  const decisive = node.kind === 'all' ? 'no' : 'yes';
  if (truths.includes(decisive)) return decisive;
  return truths.includes('unknown') ? 'unknown' : node.kind === 'all' ? 'yes' : 'no';
}

// ---- Words ----

// Created on first use: a process's first Intl.NumberFormat loads ICU's number data, 15–25 ms, which every function
// bundling this module paid at load although only the explanations of a rule's values write numbers.
const NUMBER_FORMATS = lazy(() => ({
  es: new Intl.NumberFormat('es-EC', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }),
}));
const MONEY_FORMATS = lazy(() => ({
  es: new Intl.NumberFormat('es-EC', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
}));

const OR: Readonly<Record<Language, string>> = { es: 'o', en: 'or' };
const AND: Readonly<Record<Language, string>> = { es: 'y', en: 'and' };

function amount(definition: NumberWords, value: number, language: Language): string {
  if (definition.format === 'money') {
    const formats = Number.isInteger(value) ? NUMBER_FORMATS() : MONEY_FORMATS();
    return `USD ${formats[language].format(value)}`;
  }
  const figure = NUMBER_FORMATS()[language].format(value);
  if (definition.format === 'percent') return language === 'es' ? `${figure} %` : `${figure}%`;
  return figure;
}

/** "65 años", "1, 2 o 3 personas", "pobreza extrema o pobreza": the values of a condition, in words. */
function valuesPhrase(definition: DescribedAttribute, values: readonly Scalar[], language: Language): string {
  if (definition.type === 'integer' || definition.type === 'number') {
    const last = values.at(-1) as number;
    const unit = definition.unit ? ` ${definition.unit[language][last === 1 ? 0 : 1]}` : '';
    return (
      orList(
        values.map((v) => amount(definition, v as number, language)),
        OR[language],
      ) + unit
    );
  }
  if (definition.type === 'enum') {
    return orList(
      values.map((v) => enumLabel(definition, v)[language]),
      OR[language],
    );
  }
  return orList(values.map(String), OR[language]);
}

function enumLabel(definition: EnumWords, code: Scalar): Localized {
  return enumValueWords(definition, code)?.label ?? text(String(code), String(code));
}

/** "entre 1 y 4 personas"; outside a range, Spanish says "fuera del rango de 1 a 4 personas". */
function rangePhrase(definition: DescribedNumber, condition: Condition, language: Language): string {
  const [min, max] = condition.value as readonly number[];
  const from = amount(definition, min ?? 0, language);
  const to = valuesPhrase(definition, [max ?? 0], language);
  if (language === 'en') return `between ${from} and ${to}`;
  return condition.op === 'notBetween' ? `fuera del rango de ${from} a ${to}` : `entre ${from} y ${to}`;
}

/** The positive value requirement: "65 años o más", "entre 1 y 4 personas", "pobreza extrema o pobreza". */
function positivePhrase(definition: DescribedAttribute, condition: Condition, language: Language): string {
  const values = Array.isArray(condition.value) ? condition.value : [condition.value as Scalar];
  if (definition.type !== 'integer' && definition.type !== 'number')
    return valuesPhrase(definition, values, language);
  const phrase = valuesPhrase(definition, values, language);
  const es = language === 'es';
  switch (condition.op) {
    case 'lt':
      return es ? `menos de ${phrase}` : `less than ${phrase}`;
    case 'lte':
      return es ? `${phrase} o menos` : `${phrase} or less`;
    case 'gt':
      return es ? `más de ${phrase}` : `more than ${phrase}`;
    case 'gte':
      return es ? `${phrase} o más` : `${phrase} or more`;
    case 'between':
    case 'notBetween':
      return rangePhrase(definition, condition, language);
    default:
      return phrase;
  }
}

const isNegative = (op: InternalOp) => op === 'ne' || op === 'notIn' || op === 'notBetween';

/** Spanish agreement with the noun's article: "la edad registrada", "el ingreso registrado". */
const agree = (noun: string, masculine: string, feminine: string) =>
  noun.startsWith('la ') ? feminine : masculine;

/** What follows "Edad: " when a condition is not met: "se requiere 65 años o más" / "must be 65 years or more". */
function requirement(definition: DescribedAttribute, condition: Condition, language: Language): string {
  const es = language === 'es';
  if (condition.op === 'exists') {
    if (condition.value) return es ? 'se requiere que el dato conste' : 'must be recorded';
    return es ? 'se requiere que el dato no conste' : 'must not be recorded';
  }
  if (definition.type === 'boolean') {
    const phrase = definition.requirement[language];
    const yes = condition.value === true;
    return es ? `se requiere ${yes ? '' : 'no '}${phrase}` : `must ${yes ? '' : 'not '}${phrase}`;
  }
  const phrase = positivePhrase(definition, condition, language);
  if (condition.op === 'notBetween') return es ? `se requiere un valor ${phrase}` : `must not be ${phrase}`;
  if (isNegative(condition.op))
    return es ? `se requiere un valor distinto de ${phrase}` : `must not be ${phrase}`;
  return es ? `se requiere ${phrase}` : `must be ${phrase}`;
}

/** A condition as it completes "Personas …" / "People …": "de 65 años o más", "with a registered disability". */
function fragment(condition: Condition, language: Language): string {
  const definition = describedAttribute(condition.attribute);
  const noun = definition.noun[language];
  const es = language === 'es';
  if (condition.op === 'exists') {
    if (condition.value)
      return es ? `con ${noun} ${agree(noun, 'registrado', 'registrada')}` : `whose ${noun} is known`;
    return es ? `sin dato de ${noun}` : `whose ${noun} is not known`;
  }
  if (definition.type === 'boolean')
    return definition.describe[condition.value === true ? 'yes' : 'no'][language];
  const phrase = positivePhrase(definition, condition, language);
  if (condition.op === 'notBetween') return es ? `con ${noun} ${phrase}` : `whose ${noun} is not ${phrase}`;
  if (isNegative(condition.op)) {
    return es
      ? `con ${noun} ${agree(noun, 'distinto', 'distinta')} de ${phrase}`
      : `whose ${noun} is not ${phrase}`;
  }
  return `${definition.lead[language]} ${phrase}`;
}

/** The citizen's value as read in parentheses: "tiene 45" / "is 45", "es no pobre" / "is not poor". */
function actualPhrase(definition: DescribedAttribute, actual: Scalar, language: Language): string {
  const es = language === 'es';
  switch (definition.type) {
    case 'integer':
    case 'number': {
      const figure = amount(definition, actual as number, language);
      return es ? `tiene ${figure}` : `is ${figure}`;
    }
    case 'enum': {
      const value = enumValueWords(definition, actual);
      if (value?.actual) return value.actual[language];
      return `${es ? 'es' : 'is'} ${enumLabel(definition, actual)[language]}`;
    }
    case 'boolean':
      return actual ? (es ? 'sí' : 'yes') : 'no';
    case 'string':
      return `${es ? 'es' : 'is'} ${actual}`;
  }
}

function unknownText(attribute: AttributeName): Localized {
  const noun = describedAttribute(attribute).noun;
  return text(
    `No se conoce ${noun.es} de la persona; actualice sus datos`,
    `The person's ${noun.en} is not known; update their data`,
  );
}

/** Missing data, or data present where its absence is required. */
const isUnknownFailure = (condition: Condition, truth: Truth) =>
  truth === 'unknown' || (condition.op === 'exists' && condition.value === true);

function explainCondition(condition: Condition, truth: Truth, profile: CitizenProfile): Explanation {
  const { attribute } = condition;
  if (isUnknownFailure(condition, truth))
    return { attribute, reason: 'unknown', text: unknownText(attribute) };
  const definition = describedAttribute(attribute);
  const actual = known(profile, attribute);
  const shownActual = definition.type !== 'boolean' || condition.op === 'exists';
  const line = (language: Language) =>
    `${definition.label[language]}: ${requirement(definition, condition, language)}` +
    (shownActual && actual !== undefined ? ` (${actualPhrase(definition, actual, language)})` : '');
  return { attribute, reason: 'not-met', text: text(line('es'), line('en')) };
}

function attributesIn(node: Node): AttributeName[] {
  return node.kind === 'condition' ? [node.attribute] : node.children.flatMap(attributesIn);
}

/** One alternative of a failed `any`, briefly: the condition and, in parentheses, why it fails. */
function alternative(node: Node, truth: Truth, profile: CitizenProfile, language: Language): string {
  if (node.kind !== 'condition') return phrase(node, language, false);
  const es = language === 'es';
  if (isUnknownFailure(node, truth))
    return `${fragment(node, language)} (${es ? 'no se conoce' : 'not known'})`;
  const definition = describedAttribute(node.attribute);
  const actual = known(profile, node.attribute);
  if (definition.type === 'boolean' || actual === undefined) return fragment(node, language);
  return `${fragment(node, language)} (${actualPhrase(definition, actual, language)})`;
}

function explainAny(node: Group, truth: Truth, profile: CitizenProfile): Explanation {
  const truths = node.children.map((child) => truthOf(child, profile));
  const list = (language: Language) =>
    node.children.map((child, i) => alternative(child, truths[i] ?? 'unknown', profile, language)).join('; ');
  return {
    attribute: [...new Set(attributesIn(node))].join(','),
    reason: truth === 'unknown' ? 'unknown' : 'not-met',
    text: text(
      `Se requiere una de estas condiciones: ${list('es')}`,
      `One of these conditions is required: ${list('en')}`,
    ),
  };
}

function explain(node: Node, profile: CitizenProfile): Explanation[] {
  const truth = truthOf(node, profile);
  if (truth === 'yes') return [];
  if (node.kind === 'condition') return [explainCondition(node, truth, profile)];
  if (node.kind === 'any') return [explainAny(node, truth, profile)];
  // Every failed criterion of an `all`, so the officer can go through them all at once.
  return node.children.flatMap((child) => explain(child, profile));
}

/**
 * Whether a profile meets a rule and, if not, every unmet criterion in words an officer can read to the citizen.
 * Missing data never makes anyone eligible: it fails with a text asking to update it.
 */
export function evaluateEligibility(rule: EligibilityRule, profile: CitizenProfile): EligibilityResult {
  assertValidRule(rule);
  const root = normalize(rule, false);
  const unmet = explain(root, profile);
  return { eligible: unmet.length === 0, unmet };
}

function phrase(node: Node, language: Language, nested: boolean): string {
  if (node.kind === 'condition') return fragment(node, language);
  const parts = node.children.map((child) => phrase(child, language, true));
  const joined = orList(parts, (node.kind === 'all' ? AND : OR)[language]);
  return nested ? `(${joined})` : joined;
}

/** The whole rule as one sentence, e.g. "Personas de 65 años o más y en situación de pobreza extrema o pobreza". */
export function describeRule(rule: EligibilityRule, language: Language): string {
  assertValidRule(rule);
  return `${language === 'es' ? 'Personas' : 'People'} ${phrase(normalize(rule, false), language, false)}`;
}

/** The attributes a rule reads, e.g. to ask the citizen only for the data that matters. */
export function attributesOf(rule: EligibilityRule): AttributeName[] {
  assertValidRule(rule);
  return [...new Set(attributesIn(normalize(rule, false)))];
}
