import { httpHandler } from '../../http/handler.js';
import { answerRequest } from '../../domain/request.js';
import { changeRequest } from '../../http/request-change.js';

export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, { answer: string }>(
  'answerRequest',
  async (input) =>
    changeRequest(input, 'request.answer', (request, _canton, now) =>
      answerRequest(request, input.body.answer, input.caller, now),
    ),
);
