import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { ATTRIBUTE_NAMES } from './citizen-attributes.js';
import {
  type EligibilityRule,
  MAX_LIST_VALUES,
  MAX_RULE_DEPTH,
  MAX_RULE_NODES,
  type Operator,
  OPERATORS,
  ruleProblems,
} from './eligibility-rule.js';

/**
 * The schema of an eligibility rule (eligibility-rule.ts), for the documents that carry one (a catalogue service,
 * a protocol) and the OpenAPI document. A module of its own: the schema and its description are built when it
 * loads, which the functions that only evaluate or describe a stored rule have no use for.
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

/**
 * Validates the structure and the meaning of a rule: known attributes, operators their type allows, values of
 * the right type. Each issue points at the offending node and carries its text in `params: { es, en }`.
 */
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
