import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { msg, Text } from './complaint-input.js';

/** The body of an activity added to a case (complaint-input.ts has the codes). */

const Id = z.string().check(z.trim(), z.minLength(1), z.maxLength(64));

export const ActivityBody = withMeta(
  z
    .strictObject({
      description: Text(1000),
      assigneeId: withMeta(z.optional(Id), {
        description:
          'A staff member of the canton (of the national level once appealed); give either this or `unitId`',
      }),
      unitId: withMeta(z.optional(Id), {
        description:
          'A unit of the canton (of the national level once appealed) whose members work the activity; give either this or `assigneeId`',
      }),
      dueDate: withMeta(z.iso.date(), { description: "The canton's calendar day by which it is due" }),
      after: withMeta(
        z.optional(z.array(z.number().check(z.int(), z.gte(1), z.lte(10))).check(z.maxLength(9))),
        { description: 'Activities (by number) this one waits for; without, it runs in parallel' },
      ),
    })
    .check(
      z.superRefine((body, ctx) => {
        if ((body.assigneeId === undefined) === (body.unitId === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: [body.assigneeId === undefined ? 'assigneeId' : 'unitId'],
            ...msg(
              'una actividad se asigna a una persona (assigneeId) o a una unidad (unitId), no a ambas ni a ninguna',
              'an activity is assigned to a person (assigneeId) or to a unit (unitId): one of them, not both',
            ),
          });
        }
      }),
    ),
  { id: 'ComplaintActivity' },
);
export type ActivityInput = z.infer<typeof ActivityBody>;
