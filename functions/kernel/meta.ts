import { clone, globalRegistry } from 'zod/mini';
import type { $ZodType, GlobalMeta } from 'zod/v4/core';

/**
 * Classic zod's `.meta()` for zod/mini schemas: a copy of the schema that carries the metadata (the descriptions,
 * examples and ids the OpenAPI document shows), the original left as it was. zod/mini's own `z.meta()` check
 * would stay in the copy's checks and register again on every schema derived from it, so an `id` would appear
 * twice in the document.
 */
export function withMeta<T extends $ZodType>(schema: T, metadata: GlobalMeta): T {
  const copy = clone(schema);
  globalRegistry.add(copy, metadata);
  return copy;
}
