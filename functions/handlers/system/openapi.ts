import { buildOpenApiDocument } from '../../../lib/api/openapi.js';
import { tablelessHandler } from '#http/house-chain.js';
import { systemRoute } from '#http/routes/system.js';

// Built once per container: the document depends only on the route table and schemas bundled with the function.
const document = buildOpenApiDocument();

export const handler = tablelessHandler(systemRoute('getOpenApi'), async () => ({ body: document }));
