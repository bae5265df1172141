/**
 * Where a problem's `errors` point, as the API's convention has it: a JSON pointer into the body, or the name of a
 * path, query or header parameter. `at('citizen.nationalId')` is `{ pointer: '/citizen/nationalId' }`,
 * `at('query.limit')` is `{ parameter: 'limit' }`: a compact way for tests to name a field.
 */
export type ProblemError = { pointer?: string; parameter?: string; detail: string };

export function at(field: string): { pointer: string } | { parameter: string } {
  const parameter = /^(path|query|header)\.(.+)$/.exec(field);
  if (parameter) return { parameter: parameter[2] as string };
  if (field === 'body') return { pointer: '' };
  if (field.startsWith('/')) return { pointer: field };
  return { pointer: `/${field.split('.').join('/')}` };
}

/** The place an error names, in the same compact form `at` takes (dotted path, or `query.<name>`…). */
export function placeOf(error: ProblemError): string {
  if (error.parameter !== undefined) return error.parameter;
  return error.pointer === '' ? 'body' : (error.pointer ?? '').slice(1).split('/').join('.');
}
