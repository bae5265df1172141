import { nationalIdDigest } from '#domain/registry-identity.js';
import { secretString } from './secrets-manager.js';

/**
 * The per-environment key that turns a national ID into the digest stored in keys and indexes
 * (domain/registry-identity.ts): NATIONAL_ID_KEY locally (a file in the data folder, made on first start), the
 * Secrets Manager secret NATIONAL_ID_KEY_ARN on AWS. Read once per container.
 */
let keyPromise: Promise<Buffer> | undefined;

function key(): Promise<Buffer> {
  keyPromise ??= (async () => {
    if (process.env.NATIONAL_ID_KEY) return Buffer.from(process.env.NATIONAL_ID_KEY, 'utf8');
    const arn = process.env.NATIONAL_ID_KEY_ARN;
    if (!arn) throw new Error('Missing required environment variable NATIONAL_ID_KEY or NATIONAL_ID_KEY_ARN');
    const value = await secretString(arn);
    if (!value) throw new Error('The national ID key is empty');
    return Buffer.from(value, 'utf8');
  })();
  return keyPromise;
}

/** The digest under which a national ID is stored in keys and indexes. */
export async function citizenDigest(nationalId: string): Promise<string> {
  return nationalIdDigest(await key(), nationalId);
}
