import { httpHandler } from '#http/handler.js';
import { importRegistryHouseholdsRoute } from '#http/routes/registry/import-households.js';
import type { HouseholdBatchInput } from '#http/schemas/registry.js';
import { callerCanton, NATIONAL } from '#app/tenancy.js';
import { loadHouseholds, registryToday } from '#app/registry/load.js';
import { householdProblems } from '#domain/registry.js';
import { auditOf } from '#adapters/dynamodb/audit.js';
import { AppError, invalidInput, notFound } from '#kernel/errors.js';

export const handler = httpHandler<{ cantonId: string }, unknown, HouseholdBatchInput>(
  importRegistryHouseholdsRoute,
  async ({ caller, params, body, language }) => {
    // The registry is national: only the national level's staff update it.
    if (params.cantonId !== NATIONAL)
      throw notFound({
        es: 'No existe el registro social de este cantón',
        en: 'This canton has no social registry',
      });
    const canton = await callerCanton(caller, params.cantonId);
    const today = registryToday();
    const problems = body.households.flatMap((household, i) =>
      householdProblems(household, today).map((p) => ({
        field: ['households', i, ...p.path].join('.'),
        problem: p.problem[language],
      })),
    );
    const seen = new Map<string, number>();
    body.households.forEach((household, i) => {
      if (seen.has(household.householdId)) {
        problems.push({
          field: `households.${i}.householdId`,
          problem:
            language === 'es'
              ? `repite el hogar ${seen.get(household.householdId)}`
              : `repeats household ${seen.get(household.householdId)}`,
        });
      }
      seen.set(household.householdId, i);
      household.members.forEach((m, j) => {
        if (!m.nationalId) return;
        const other = body.households.findIndex(
          (h, k) => k !== i && h.members.some((o) => o.nationalId === m.nationalId),
        );
        if (other >= 0 && other < i) {
          problems.push({
            field: `households.${i}.members.${j}.nationalId`,
            problem:
              language === 'es'
                ? `la cédula también está en el hogar ${other}`
                : `the national ID is also in household ${other}`,
          });
        }
      });
    });
    if (problems.length > 0) throw invalidInput(problems);

    const outcome = await loadHouseholds(body.households, caller.userId, (counts) =>
      auditOf(
        caller,
        canton.id,
        'registry.import',
        { type: 'registry' },
        { details: { households: body.households.length, ...counts } },
      ),
    );
    if (!outcome.ok) {
      throw new AppError(
        409,
        'conflict',
        {
          es: 'Una cédula del lote pertenece a un miembro de otro hogar registrado; no se escribió nada',
          en: 'A national ID in the batch belongs to a member of another stored household; nothing was written',
        },
        outcome.conflicts.map((c) => ({
          field: `households.${body.households.findIndex((h) => h.householdId === c.householdId)}.members.${body.households
            .find((h) => h.householdId === c.householdId)
            ?.members.findIndex((m) => m.memberId === c.memberId)}.nationalId`,
          problem:
            language === 'es'
              ? `pertenece a un miembro del hogar ${c.otherHouseholdId}`
              : `belongs to a member of household ${c.otherHouseholdId}`,
        })),
      );
    }
    return { body: { written: outcome.written, unchanged: outcome.unchanged } };
  },
);
