import { notFound } from '#kernel/errors.js';

export const changeNotFound = (changeId: string) =>
  notFound({
    es: `No existe la solicitud de actualización ${changeId}`,
    en: `There is no information-update request ${changeId}`,
  });
