import { buildOpenApiDocument } from '../../../lib/api/openapi.js';
import { httpHandler } from '../../http/handler.js';

// Built once per container: the document depends only on the route table and schemas bundled with the function.
const document = buildOpenApiDocument();

export const handler = httpHandler('getOpenApi', async () => ({ body: document }));
