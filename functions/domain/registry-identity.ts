import { createHmac } from 'node:crypto';

/**
 * A national ID never reaches a key or an index as itself: the table holds its HMAC-SHA256 under a secret kept per
 * environment (Secrets Manager on AWS, a file in the data folder locally). Without the secret the digest says
 * nothing, not even to someone who tries all ten-digit cédulas; with it, the same ID always finds the same items.
 */
export function nationalIdDigest(secret: Buffer, nationalId: string): string {
  return createHmac('sha256', secret).update(`cedula:${nationalId}`, 'utf8').digest('base64url');
}
