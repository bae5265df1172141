import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { lazy } from '#kernel/lazy.js';
import {
  ATTRIBUTE_NAMES,
  type AttributeDefinition,
  type AttributeName,
  type AttributeType,
  attributeDefinition,
  type CitizenProfile,
  type EnumAttribute,
  isAttributeName,
  type NumberAttribute,
} from './citizen-attributes.js';
import type { Localized } from '#kernel/messages.js';
import type { Language } from './taxonomy.js';

/**
 * Eligibility rules of catalogue services and protocols. A rule is plain JSON — groups (`all`, `any`, `not`) over
 * comparisons of one citizen attribute — so coordinators can edit it as data, the API can validate it, and the
 * same rule can be evaluated against a profile and explained to the citizen in Spanish or English.
 *
 * Evaluation uses three-valued logic: a comparison on an attribute the profile lacks is *unknown*, not false, so
 * that `not` over missing data never makes someone eligible by accident; only a rule that is surely true is met.
 */

export const OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'notIn', 'between', 'exists'] as const;
export type Operator = (typeof OPERATORS)[number];

export const OPERATORS_BY_TYPE: Readonly<Record<AttributeType, readonly Operator[]>> = {
  integer: OPERATORS,
  number: OPERATORS,
  boolean: ['eq', 'ne', 'exists'],
  enum: ['eq', 'ne', 'in', 'notIn', 'exists'],
  string: ['eq', 'ne', 'in', 'notIn', 'exists'],
};

export const MAX_RULE_DEPTH = 6;
export const MAX_RULE_NODES = 50;
/** Long enough for a list of every canton of the country (221). */
export const MAX_LIST_VALUES = 250;

export type Scalar = string | number | boolean;

export type Comparison =
  | {
      readonly attribute: AttributeName;
      readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';
      readonly value: Scalar;
    }
  | { readonly attribute: AttributeName; readonly op: 'in' | 'notIn'; readonly value: readonly Scalar[] }
  | { readonly attribute: AttributeName; readonly op: 'between'; readonly value: readonly [number, number] }
  | { readonly attribute: AttributeName; readonly op: 'exists'; readonly value: boolean };

export type EligibilityRule =
  | { readonly all: readonly EligibilityRule[] }
  | { readonly any: readonly EligibilityRule[] }
  | { readonly not: EligibilityRule }
  | Comparison;

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

// ---- Validation ----

interface Problem {
  readonly path: (string | number)[];
  readonly text: Localized;
}

const text = (es: string, en: string): Localized => ({ es, en });

/** A value as the author wrote it, short enough for a message. */
function shown(value: unknown): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
}

function orList(items: readonly string[], or: string): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}`;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Counts nodes without recursion and stops early, so a huge or deeply nested input costs little. */
function exceedsNodeLimit(rule: unknown): boolean {
  const stack: unknown[] = [rule];
  let count = 0;
  while (stack.length > 0) {
    const node = stack.pop();
    count += 1;
    if (count > MAX_RULE_NODES) return true;
    if (!isPlainObject(node)) continue;
    for (const key of ['all', 'any'] as const) {
      const children = node[key];
      if (Array.isArray(children)) stack.push(...children.slice(0, MAX_RULE_NODES + 1));
    }
    if ('not' in node) stack.push(node.not);
  }
  return false;
}

function checkScalar(
  name: AttributeName,
  definition: AttributeDefinition,
  value: unknown,
  path: (string | number)[],
  problems: Problem[],
): boolean {
  const fail = (es: string, en: string) => {
    problems.push({
      path,
      text: text(`'${name}' ${es}, no '${shown(value)}'`, `'${name}' ${en}, not '${shown(value)}'`),
    });
    return false;
  };
  switch (definition.type) {
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        return fail('compara números', 'compares numbers');
      if (definition.type === 'integer' && !Number.isInteger(value)) {
        return fail('compara números enteros', 'compares whole numbers');
      }
      if (value < definition.min || value > definition.max) {
        return fail(
          `compara números de ${definition.min} a ${definition.max}`,
          `compares numbers from ${definition.min} to ${definition.max}`,
        );
      }
      return true;
    }
    case 'boolean':
      return (
        typeof value === 'boolean' ||
        fail('compara sí o no (true o false)', 'compares yes or no (true or false)')
      );
    case 'enum': {
      if (typeof value === 'string' && definition.values.some((v) => v.code === value)) return true;
      const codes = definition.values.map((v) => v.code);
      return fail(`admite ${orList(codes, 'o')}`, `takes ${orList(codes, 'or')}`);
    }
    case 'string': {
      if (typeof value !== 'string' || value.trim() === '' || value.length > definition.maxLength) {
        return fail(
          `compara textos de hasta ${definition.maxLength} caracteres`,
          `compares texts of up to ${definition.maxLength} characters`,
        );
      }
      if (definition.pattern && !definition.pattern.test(value)) {
        return fail(
          `compara ${definition.expected?.es ?? 'textos'}`,
          `compares ${definition.expected?.en ?? 'texts'}`,
        );
      }
      return true;
    }
  }
}

function checkComparison(
  node: Record<string, unknown>,
  path: (string | number)[],
  problems: Problem[],
): void {
  const at = (...keys: (string | number)[]) => [...path, ...keys];
  for (const key of Object.keys(node)) {
    if (key !== 'attribute' && key !== 'op' && key !== 'value') {
      problems.push({
        path: at(key),
        text: text(
          `una comparación solo admite attribute, op y value, no '${key}'`,
          `a comparison only takes attribute, op and value, not '${key}'`,
        ),
      });
    }
  }
  const { attribute, op, value } = node;
  let definition: AttributeDefinition | undefined;
  if (attribute === undefined) {
    problems.push({ path: at('attribute'), text: text('falta el atributo', 'the attribute is missing') });
  } else if (!isAttributeName(attribute)) {
    problems.push({
      path: at('attribute'),
      text: text(
        `atributo desconocido '${shown(attribute)}'; use uno de: ${ATTRIBUTE_NAMES.join(', ')}`,
        `unknown attribute '${shown(attribute)}'; use one of: ${ATTRIBUTE_NAMES.join(', ')}`,
      ),
    });
  } else {
    definition = attributeDefinition(attribute);
  }
  if (op === undefined) {
    problems.push({ path: at('op'), text: text('falta el operador', 'the operator is missing') });
    return;
  }
  if (!(OPERATORS as readonly unknown[]).includes(op)) {
    problems.push({
      path: at('op'),
      text: text(
        `operador desconocido '${shown(op)}'; use uno de: ${OPERATORS.join(', ')}`,
        `unknown operator '${shown(op)}'; use one of: ${OPERATORS.join(', ')}`,
      ),
    });
    return;
  }
  if (!definition || !isAttributeName(attribute)) return;
  const operator = op as Operator;
  const allowed = OPERATORS_BY_TYPE[definition.type];
  if (!allowed.includes(operator)) {
    const kind = TYPE_NAMES[definition.type];
    problems.push({
      path: at('op'),
      text: text(
        `'${attribute}' ${kind.es} y no admite '${operator}'; use ${orList(allowed, 'o')}`,
        `'${attribute}' ${kind.en} and does not take '${operator}'; use ${orList(allowed, 'or')}`,
      ),
    });
    return;
  }
  if (value === undefined) {
    problems.push({ path: at('value'), text: text('falta el valor', 'the value is missing') });
    return;
  }
  const wrongShape = (es: string, en: string) =>
    problems.push({
      path: at('value'),
      text: text(
        `'${attribute}' con '${operator}' necesita ${es}, no '${shown(value)}'`,
        `'${attribute}' with '${operator}' needs ${en}, not '${shown(value)}'`,
      ),
    });
  switch (operator) {
    case 'exists':
      if (typeof value !== 'boolean') wrongShape('true o false', 'true or false');
      return;
    case 'in':
    case 'notIn':
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST_VALUES) {
        wrongShape(`una lista de 1 a ${MAX_LIST_VALUES} valores`, `a list of 1 to ${MAX_LIST_VALUES} values`);
        return;
      }
      value.forEach((item, i) => {
        checkScalar(attribute, definition, item, at('value', i), problems);
      });
      return;
    case 'between': {
      if (!Array.isArray(value) || value.length !== 2) {
        wrongShape('[mínimo, máximo]', '[minimum, maximum]');
        return;
      }
      const [min, max] = value as unknown[];
      const valid =
        checkScalar(attribute, definition, min, at('value', 0), problems) &&
        checkScalar(attribute, definition, max, at('value', 1), problems);
      if (valid && (min as number) > (max as number)) {
        problems.push({
          path: at('value'),
          text: text(
            `'${attribute}': el mínimo (${min}) es mayor que el máximo (${max})`,
            `'${attribute}': the minimum (${min}) is greater than the maximum (${max})`,
          ),
        });
      }
      return;
    }
    default:
      checkScalar(attribute, definition, value, at('value'), problems);
  }
}

const TYPE_NAMES: Readonly<Record<AttributeType, Localized>> = {
  integer: text('es un número entero', 'is a whole number'),
  number: text('es un número', 'is a number'),
  boolean: text('es sí o no', 'is yes or no'),
  enum: text('es una lista cerrada de valores', 'is a closed list of values'),
  string: text('es un texto', 'is a text'),
};

function checkNode(node: unknown, path: (string | number)[], depth: number, problems: Problem[]): void {
  if (depth > MAX_RULE_DEPTH) {
    problems.push({
      path,
      text: text(
        `la regla anida más de ${MAX_RULE_DEPTH} niveles`,
        `the rule nests more than ${MAX_RULE_DEPTH} levels`,
      ),
    });
    return;
  }
  if (!isPlainObject(node)) {
    problems.push({ path, text: NOT_A_RULE });
    return;
  }
  const group = (['all', 'any', 'not'] as const).find((key) => key in node);
  if (!group) {
    if ('attribute' in node || 'op' in node || 'value' in node) checkComparison(node, path, problems);
    else problems.push({ path, text: NOT_A_RULE });
    return;
  }
  for (const key of Object.keys(node)) {
    if (key !== group) {
      problems.push({
        path: [...path, key],
        text: text(`'${key}' no se admite junto a '${group}'`, `'${key}' is not allowed next to '${group}'`),
      });
    }
  }
  const content = node[group];
  if (group === 'not') {
    checkNode(content, [...path, 'not'], depth + 1, problems);
    return;
  }
  if (!Array.isArray(content) || content.length === 0) {
    problems.push({
      path: [...path, group],
      text: text(
        `'${group}' necesita una lista con al menos una regla`,
        `'${group}' needs a list of at least one rule`,
      ),
    });
    return;
  }
  content.forEach((child, i) => {
    checkNode(child, [...path, group, i], depth + 1, problems);
  });
}

const NOT_A_RULE = text(
  'una regla es {all: [...]}, {any: [...]}, {not: {...}} o una comparación {attribute, op, value}',
  'a rule is {all: [...]}, {any: [...]}, {not: {...}} or a comparison {attribute, op, value}',
);

function ruleProblems(rule: unknown): Problem[] {
  if (exceedsNodeLimit(rule)) {
    return [
      {
        path: [],
        text: text(
          `la regla tiene más de ${MAX_RULE_NODES} nodos (grupos y comparaciones)`,
          `the rule has more than ${MAX_RULE_NODES} nodes (groups and comparisons)`,
        ),
      },
    ];
  }
  const problems: Problem[] = [];
  checkNode(rule, [], 1, problems);
  return problems;
}

/**
 * Validates the structure and the meaning of a rule: known attributes, operators their type allows, values of
 * the right type. Each issue points at the offending node and carries its text in `params: { es, en }`.
 */
const SCALAR = { type: ['string', 'number', 'boolean'] };

function group(name: 'all' | 'any' | 'not', schema: Record<string, unknown>) {
  return {
    type: 'object',
    title: name,
    properties: { [name]: schema },
    required: [name],
    additionalProperties: false,
  };
}

function comparison(ops: readonly Operator[], value: Record<string, unknown>) {
  return {
    type: 'object',
    title: ops.join(' | '),
    properties: {
      attribute: {
        type: 'string',
        enum: ATTRIBUTE_NAMES,
        description: 'A citizen attribute (CitizenProfile)',
      },
      op: { type: 'string', enum: ops },
      value,
    },
    required: ['attribute', 'op', 'value'],
    additionalProperties: false,
  };
}

export const EligibilityRuleSchema = withMeta(
  z.custom<EligibilityRule>().check(
    z.superRefine((rule, ctx) => {
      for (const problem of ruleProblems(rule)) {
        ctx.addIssue({ code: 'custom', path: problem.path, message: problem.text.en, params: problem.text });
      }
    }),
  ),
  {
    id: 'EligibilityRule',
    // The shape for clients (a typed client builds rules from it); the check above adds what a schema cannot say
    // (the operators each attribute's type allows, value ranges, depth and size).
    anyOf: [
      group('all', { type: 'array', items: { $ref: '#/$defs/EligibilityRule' } }),
      group('any', { type: 'array', items: { $ref: '#/$defs/EligibilityRule' } }),
      group('not', { $ref: '#/$defs/EligibilityRule' }),
      comparison(['eq', 'ne', 'lt', 'lte', 'gt', 'gte'], SCALAR),
      comparison(['in', 'notIn'], { type: 'array', items: SCALAR, maxItems: MAX_LIST_VALUES }),
      comparison(['between'], {
        type: 'array',
        items: { type: 'number' },
        minItems: 2,
        maxItems: 2,
        description: 'Lowest and highest value, both included',
      }),
      comparison(['exists'], { type: 'boolean', description: 'true: the profile has the attribute' }),
    ],
    description:
      `Eligibility rule: {all: [rules]}, {any: [rules]}, {not: rule} or a comparison {attribute, op, value}; ` +
      `op is one of ${OPERATORS.join(', ')}. At most ${MAX_RULE_DEPTH} levels and ${MAX_RULE_NODES} nodes.`,
    examples: [
      {
        all: [
          { attribute: 'age', op: 'gte', value: 65 },
          { attribute: 'povertyClassification', op: 'in', value: ['extreme-poverty', 'poverty'] },
          { attribute: 'receivesContributoryPension', op: 'eq', value: false },
        ],
      },
    ],
  },
);

function assertValid(rule: EligibilityRule): void {
  const [problem] = ruleProblems(rule);
  if (problem) {
    // Stored rules are validated on write; one that no longer validates (e.g. a removed attribute) is a bug.
    throw new Error(`Invalid eligibility rule at "${problem.path.join('.')}": ${problem.text.en}`);
  }
}

// ---- Normal form: negation pushed down to the comparisons (De Morgan), nested groups of one kind flattened ----

type InternalOp = Operator | 'notBetween';

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
      return definition.values.some((v) => v.code === value) ? (value as string) : undefined;
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

function amount(definition: NumberAttribute, value: number, language: Language): string {
  if (definition.format === 'money') {
    const formats = Number.isInteger(value) ? NUMBER_FORMATS() : MONEY_FORMATS();
    return `USD ${formats[language].format(value)}`;
  }
  const figure = NUMBER_FORMATS()[language].format(value);
  if (definition.format === 'percent') return language === 'es' ? `${figure} %` : `${figure}%`;
  return figure;
}

/** "65 años", "1, 2 o 3 personas", "pobreza extrema o pobreza": the values of a condition, in words. */
function valuesPhrase(
  definition: AttributeDefinition,
  values: readonly Scalar[],
  language: Language,
): string {
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

function enumLabel(definition: EnumAttribute, code: Scalar): Localized {
  return definition.values.find((v) => v.code === code)?.label ?? text(String(code), String(code));
}

/** "entre 1 y 4 personas"; outside a range, Spanish says "fuera del rango de 1 a 4 personas". */
function rangePhrase(definition: NumberAttribute, condition: Condition, language: Language): string {
  const [min, max] = condition.value as readonly number[];
  const from = amount(definition, min ?? 0, language);
  const to = valuesPhrase(definition, [max ?? 0], language);
  if (language === 'en') return `between ${from} and ${to}`;
  return condition.op === 'notBetween' ? `fuera del rango de ${from} a ${to}` : `entre ${from} y ${to}`;
}

/** The positive value requirement: "65 años o más", "entre 1 y 4 personas", "pobreza extrema o pobreza". */
function positivePhrase(definition: AttributeDefinition, condition: Condition, language: Language): string {
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
function requirement(definition: AttributeDefinition, condition: Condition, language: Language): string {
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
  const definition = attributeDefinition(condition.attribute);
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
function actualPhrase(definition: AttributeDefinition, actual: Scalar, language: Language): string {
  const es = language === 'es';
  switch (definition.type) {
    case 'integer':
    case 'number': {
      const figure = amount(definition, actual as number, language);
      return es ? `tiene ${figure}` : `is ${figure}`;
    }
    case 'enum': {
      const value = definition.values.find((v) => v.code === actual);
      if (value && 'actual' in value && value.actual) return value.actual[language];
      return `${es ? 'es' : 'is'} ${enumLabel(definition, actual)[language]}`;
    }
    case 'boolean':
      return actual ? (es ? 'sí' : 'yes') : 'no';
    case 'string':
      return `${es ? 'es' : 'is'} ${actual}`;
  }
}

function unknownText(attribute: AttributeName): Localized {
  const noun = attributeDefinition(attribute).noun;
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
  const definition = attributeDefinition(attribute);
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
  const definition = attributeDefinition(node.attribute);
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
  assertValid(rule);
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
  assertValid(rule);
  return `${language === 'es' ? 'Personas' : 'People'} ${phrase(normalize(rule, false), language, false)}`;
}

/** The attributes a rule reads, e.g. to ask the citizen only for the data that matters. */
export function attributesOf(rule: EligibilityRule): AttributeName[] {
  assertValid(rule);
  return [...new Set(attributesIn(normalize(rule, false)))];
}
