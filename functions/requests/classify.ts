import { badRequest } from '../commons/errors.js';
import { httpHandler } from '../commons/http.js';
import { classifyRequest } from '../domain/request.js';
import { effectiveProtocol, protocolReference } from '../protocols/effective.js';
import { changeRequest } from './change.js';
import type { ClassifyInput } from './schemas.js';

export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, ClassifyInput>(
  'classifyRequest',
  async (input) =>
    changeRequest(input, 'request.classify', async (request, canton, now) => {
      if (!canton.enabledCategories.includes(input.body.category as never)) {
        throw badRequest('category', {
          es: `la categoría "${input.body.category}" no está habilitada en ${canton.name}`,
          en: `category "${input.body.category}" is not enabled in ${canton.name}`,
        });
      }
      const effective = await effectiveProtocol(
        canton,
        input.body.category,
        input.body.subcategory,
        new Date(now),
      );
      return classifyRequest(
        request,
        input.body,
        input.caller,
        now,
        effective ? protocolReference(effective.protocol) : undefined,
      );
    }),
);
