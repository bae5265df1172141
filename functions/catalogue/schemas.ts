// The HSDS code (domain/hsds/) imports this path; the module lives in functions/http/schemas/catalogue.ts.
export * from '#http/schemas/catalogue.js';
