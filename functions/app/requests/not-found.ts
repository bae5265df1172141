import { notFound } from '#kernel/errors.js';

/** A request that does not exist, or is in another canton: the caller cannot tell the two apart. */
export const requestNotFound = (requestId: string) =>
  notFound({ es: `No existe la solicitud ${requestId}`, en: `There is no request ${requestId}` });
