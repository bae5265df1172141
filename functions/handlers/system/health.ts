import { httpHandler } from '../../http/handler.js';

export const handler = httpHandler('getHealth', async () => ({ body: { status: 'ok' } }));
