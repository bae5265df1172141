import { languageFrom } from '#kernel/messages.js';
import { header, type HouseMiddleware } from './house.js';

const ANONYMOUS = { userId: 'anonymous', cantonId: '', roles: [] };

/**
 * First in the chain: the caller's language (Accept-Language, Spanish by default), which every answer after it —
 * problems included — speaks.
 */
export const languageOf = (): HouseMiddleware => ({
  before: (request) => {
    request.context.house = {
      language: languageFrom(header(request.event, 'accept-language')),
      caller: ANONYMOUS,
      params: undefined,
      query: undefined,
      body: undefined,
      preconditions: {},
    };
  },
});
