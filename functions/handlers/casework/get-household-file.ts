import { httpHandler } from '#http/handler.js';
import { caseworkRoute } from '#http/routes/casework.js';
import { householdFile } from '#app/casework/household-file.js';
import { caseworkCanton } from '#app/casework/scope.js';

export const handler = httpHandler<{ cantonId: string; subjectKey: string }>(
  caseworkRoute('getHouseholdFile'),
  async ({ caller, params, language }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    return { body: await householdFile(caller, canton, params.subjectKey, language) };
  },
);
