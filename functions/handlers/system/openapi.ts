import { readFileSync } from 'node:fs';
import { tablelessHandler } from '#http/house-chain.js';
import { systemRoute } from '#http/routes/system.js';
import { unpackDocument } from '../../../lib/api/openapi-packed.js';

/**
 * Built once per container. A Lambda bundle carries the document built when it was bundled, packed in a data file
 * beside it whose name the bundle holds (bundleDefines and bundleFiles in lib/constructs/bundle-aliases.ts), so it
 * holds neither the route table's schemas nor the examples; unbundled (`npm start`, the tests) the document is built
 * from the route table. The import is dynamic because esbuild drops an `import()` in the branch the define makes
 * dead, but keeps a static import of a module with side effects (the schemas register themselves), and with it the
 * whole route table.
 */
const document =
  process.env.SWCS_OPENAPI_PACKED !== undefined
    ? unpackDocument(readFileSync(new URL(process.env.SWCS_OPENAPI_PACKED, import.meta.url)))
    : (await import('../../../lib/api/openapi.js')).buildOpenApiDocument();

export const handler = tablelessHandler(systemRoute('getOpenApi'), async () => ({ body: document }));
