import { httpHandler } from '#http/handler.js';
import { systemRoute } from '#http/routes/system.js';

export const handler = httpHandler(systemRoute('getHealth'), async () => ({ body: { status: 'ok' } }));
