import * as z from 'zod/mini';
import { IN_ENGLISH } from './zod-english.js';

/**
 * Reads the settings a module needs from the environment once, when the module loads, each checked by its zod
 * schema. A function deployed without one fails at cold start with the setting's name instead of on some later
 * request, and nothing the stack did not set is quietly given a default.
 */
export function settingsOf<const S extends Record<string, z.core.$ZodType>>(
  schemas: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): { readonly [K in keyof S]: z.output<S[K]> } {
  const settings: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const value = env[name];
    if (value === undefined || value === '') throw new Error(`Missing required environment variable ${name}`);
    const parsed = z.safeParse(schema, value, IN_ENGLISH);
    if (!parsed.success) {
      throw new Error(
        `Invalid environment variable ${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      );
    }
    settings[name] = parsed.data;
  }
  return settings as { readonly [K in keyof S]: z.output<S[K]> };
}
