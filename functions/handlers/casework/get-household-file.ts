import { httpHandler } from '#http/handler.js';
import { getHouseholdFileRoute } from '#http/routes/casework/get-household-file.js';
import { householdFile } from '#app/casework/household-file.js';
import { caseworkCanton } from '#app/casework/scope.js';

export const handler = httpHandler<{ cantonId: string; subjectKey: string }>(
  getHouseholdFileRoute,
  async ({ caller, params, language }) => {
    const { canton } = await caseworkCanton(caller, params.cantonId, 'read');
    return { body: await householdFile(caller, canton, params.subjectKey, language) };
  },
);
