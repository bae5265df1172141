// lib/local imports this path; the module lives in functions/app/catalogue/seed.ts.
export * from '#app/catalogue/seed.js';
