import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import {
  ATTRIBUTE_NAMES,
  type AttributeDefinition,
  type AttributeName,
  CITIZEN_ATTRIBUTES,
  type CitizenProfile,
} from './citizen-attributes.js';

/**
 * A citizen's profile as an API receives it, built from the attributes' types and limits (citizen-attributes.ts).
 * A module of its own: the schema is built when its module loads, which a function that only validates or
 * evaluates rules need not pay for.
 */

function valueSchema(definition: AttributeDefinition): z.core.$ZodType {
  switch (definition.type) {
    case 'integer':
      return z.number().check(z.int(), z.gte(definition.min), z.lte(definition.max));
    case 'number':
      return z.number().check(z.gte(definition.min), z.lte(definition.max));
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(definition.codes as [string, ...string[]]);
    case 'string': {
      const text = z.string().check(z.trim(), z.minLength(1), z.maxLength(definition.maxLength));
      return definition.pattern ? text.check(z.regex(definition.pattern)) : text;
    }
  }
}

type ProfileShape = {
  [K in AttributeName]: z.ZodMiniOptional<z.core.$ZodType<NonNullable<CitizenProfile[K]>>>;
};

/** Every attribute optional, nothing else allowed. */
export const CitizenProfileSchema = withMeta(
  z.strictObject(
    Object.fromEntries(
      ATTRIBUTE_NAMES.map((name) => [name, z.optional(valueSchema(CITIZEN_ATTRIBUTES[name]))]),
    ) as ProfileShape,
  ),
  { id: 'CitizenProfile' },
);
