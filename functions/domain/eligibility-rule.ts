import {
  ATTRIBUTE_NAMES,
  type AttributeDefinition,
  type AttributeName,
  type AttributeType,
  attributeDefinition,
  isAttributeName,
} from './citizen-attributes.js';
import type { Localized } from '#kernel/messages.js';

/**
 * Eligibility rules of catalogue services and protocols: their shape, their limits and their validation. A rule is
 * plain JSON — groups (`all`, `any`, `not`) over comparisons of one citizen attribute — so coordinators can edit it
 * as data and the API can validate it (eligibility-rule-schema.ts); eligibility.ts evaluates a rule against a
 * profile and explains it in Spanish or English. Apart from it, so that a function that only validates rules
 * (publishing a protocol, saving a service) carries neither the evaluation nor the words of the attributes.
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

// ---- Validation ----

export interface Problem {
  readonly path: (string | number)[];
  readonly text: Localized;
}

const text = (es: string, en: string): Localized => ({ es, en });

/** A value as the author wrote it, short enough for a message. */
function shown(value: unknown): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
}

/** "a, b o c": a list in words, joined by the language's "or" (or "and"). */
export function orList(items: readonly string[], or: string): string {
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
      const { codes } = definition;
      if (typeof value === 'string' && codes.includes(value)) return true;
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

/**
 * What is wrong with a rule: its structure and its meaning (known attributes, operators their type allows, values
 * of the right type), each problem at the offending node, in Spanish and English.
 */
export function ruleProblems(rule: unknown): Problem[] {
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

/** Refuses a stored rule that no longer validates, before a function reads it. */
export function assertValidRule(rule: EligibilityRule): void {
  const [problem] = ruleProblems(rule);
  if (problem) {
    // Stored rules are validated on write; one that no longer validates (e.g. a removed attribute) is a bug.
    throw new Error(`Invalid eligibility rule at "${problem.path.join('.')}": ${problem.text.en}`);
  }
}
