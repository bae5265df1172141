// lib/local imports this path; the module lives in functions/app/protocols/seed.ts.
export * from '#app/protocols/seed.js';
