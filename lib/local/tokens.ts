import type { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';

/**
 * Local identity: tokens signed with a key kept in the data folder, carrying the claims a Cognito ID token carries
 * (`cognito:username`, `cognito:groups`, `custom:canton`), so handlers read the caller the same way on AWS and
 * here. The gateway verifies signature, issuer, audience and expiry before any handler runs.
 */
export const LOCAL_ISSUER = 'swcs-local';
export const LOCAL_AUDIENCE = 'swcs-api';
const ALG = 'ES256';
type CryptoKey = webcrypto.CryptoKey;

export interface SigningKeys {
  readonly privateKey: CryptoKey;
  readonly publicKey: CryptoKey;
}

export async function loadOrCreateSigningKeys(dataDir: string): Promise<SigningKeys> {
  const file = join(dataDir, 'signing-key.json');
  let jwk: JWK;
  if (existsSync(file)) {
    jwk = JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } else {
    const pair = await generateKeyPair(ALG, { extractable: true });
    jwk = await exportJWK(pair.privateKey);
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const { d: _private, ...publicJwk } = jwk;
  return {
    privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}

export interface TokenRequest {
  readonly userId: string;
  readonly cantonId: string;
  readonly roles: readonly string[];
  /** Lifetime in seconds; 8 hours (a working day) by default. */
  readonly ttlSeconds?: number;
}

export async function issueToken(keys: SigningKeys, request: TokenRequest): Promise<string> {
  return new SignJWT({
    'cognito:username': request.userId,
    'cognito:groups': [...request.roles],
    'custom:canton': request.cantonId,
    token_use: 'id',
  })
    .setProtectedHeader({ alg: ALG, typ: 'JWT' })
    .setSubject(request.userId)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds ?? 8 * 3600}s`)
    .sign(keys.privateKey);
}

/**
 * Verifies a token and returns its claims the way API Gateway's Cognito authorizer hands them to a function:
 * every value a string, groups comma-separated. Returns undefined for any token that must be refused.
 */
export async function verifyToken(
  keys: SigningKeys,
  token: string,
): Promise<Record<string, string> | undefined> {
  try {
    const { payload } = await jwtVerify(token, keys.publicKey, {
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      algorithms: [ALG],
    });
    const claims: Record<string, string> = {};
    for (const [name, value] of Object.entries(payload)) {
      claims[name] = Array.isArray(value) ? value.join(',') : String(value);
    }
    return claims;
  } catch {
    return undefined;
  }
}
