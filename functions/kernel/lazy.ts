/**
 * A value created by its first caller and shared from then on: the AWS SDK clients, one per container, created when
 * a request first needs one rather than when a module importing its adapter loads. Marked free of side effects, so
 * that the bundler drops a getter no code of the handler calls, and the client's code with it.
 */
/* @__NO_SIDE_EFFECTS__ */
export function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= create();
    return value;
  };
}
