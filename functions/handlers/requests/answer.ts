import { httpHandler } from '#http/handler.js';
import { answerRequestRoute } from '#http/routes/requests/answer-request.js';
import { answerRequest } from '#domain/request.js';
import { changeRequest } from '#http/request-change.js';

export const handler = httpHandler<{ cantonId: string; requestId: string }, unknown, { answer: string }>(
  answerRequestRoute,
  async (input) =>
    changeRequest(input, 'request.answer', (request, _canton, now) =>
      answerRequest(request, input.body.answer, input.caller, now),
    ),
);
