// lib/local imports this path; the module lives in functions/app/catalogue/import-jobs.ts.
export * from '#app/catalogue/import-jobs.js';
