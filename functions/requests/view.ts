import { type CitizenRequest, classificationLabel, type RequestEvent } from '../domain/request.js';
import type { Language } from '../domain/taxonomy.js';

/** The API shape of a request: the stored record plus the classification's label in the caller's language. */
export function requestView(request: CitizenRequest, language: Language, history?: readonly RequestEvent[]) {
  const { classification, ...rest } = request;
  return {
    ...rest,
    ...(classification
      ? { classification: { ...classification, label: classificationLabel(classification, language) } }
      : {}),
    ...(history ? { history: history.map(({ version: _version, ...event }) => event) } : {}),
  };
}
