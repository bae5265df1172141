/** What a handler's logic answers; the house chain (http.ts) and the idempotency keeper (idempotency.ts) both hold it. */
export interface HttpOutput {
  readonly statusCode?: number;
  /** Further response headers (e.g. Location of an accepted job). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}
