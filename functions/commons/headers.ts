// lib/local imports this path; the module lives in functions/http/headers.ts.
export * from '#http/headers.js';
