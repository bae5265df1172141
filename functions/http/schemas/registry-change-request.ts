import * as z from 'zod/mini';
import { withMeta } from '#kernel/meta.js';
import { RegistryNationalId } from '#domain/registry.js';
import { FieldChangeInput, SupportingDocument } from '#domain/registry-change.js';

/** An information-update request: the changes a citizen asks of their household's registry data. */
export const ChangeRequestBody = withMeta(
  z.strictObject({
    nationalId: withMeta(RegistryNationalId, {
      description: 'Cédula of a member of the household to change',
    }),
    requestId: withMeta(z.optional(z.string().check(z.maxLength(40))), {
      description: "The citizen's information-update request, closed with the outcome",
    }),
    changes: z.array(FieldChangeInput).check(z.minLength(1), z.maxLength(20)),
    documents: withMeta(z._default(z.array(SupportingDocument).check(z.maxLength(10)), []), {
      description: 'The supporting documents seen',
    }),
  }),
  { id: 'RegistryChangeRequestInput' },
);
export type ChangeRequestInput = z.output<typeof ChangeRequestBody>;
