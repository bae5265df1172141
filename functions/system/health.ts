import { httpHandler } from '../commons/http.js';

export const handler = httpHandler('getHealth', async () => ({ body: { status: 'ok' } }));
