import { tablelessHandler } from '#http/house-chain.js';
import { systemRoute } from '#http/routes/system.js';

export const handler = tablelessHandler(systemRoute('getHealth'), async () => ({ body: { status: 'ok' } }));
