/**
 * What a part of the AWS SDK left out of the Lambda bundles (lib/constructs/bundle-aliases.ts) does if it is ever
 * reached after all: it fails at once, naming the part, rather than letting a call go out without it.
 */
export function notBundled(part: string): never {
  throw new Error(
    `${part} is not in this Lambda bundle (lib/constructs/bundle-aliases.ts): remove its alias if a client needs it`,
  );
}
