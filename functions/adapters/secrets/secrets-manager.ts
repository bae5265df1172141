import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The text of a Secrets Manager secret (undefined when it has none); callers keep what they read. */
export async function secretString(arn: string): Promise<string | undefined> {
  const { SecretString } = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: arn }),
  );
  return SecretString;
}
