import { notFound } from '#kernel/errors.js';

export const organizationNotFound = (id: string) =>
  notFound({ es: `No existe la organización "${id}"`, en: `There is no organization "${id}"` });

export const serviceNotFound = (id: string) =>
  notFound({ es: `No existe el servicio "${id}"`, en: `There is no service "${id}"` });
