import { createHash } from 'node:crypto';

/**
 * Identifiers: HSDS wants UUIDs, SWCS uses readable ids (`mies-cdi-la-mariscal`). Export derives each UUID as a
 * UUID v5 (SHA-1) of a fixed SWCS namespace and a name built from the canton and our ids, so the same catalogue
 * always exports the same document and a re-export updates, not duplicates, what a consumer already holds.
 */

/** RFC 9562 UUID version 5: SHA-1 of namespace and name. */
export function uuidV5(namespace: string, name: string): string {
  const bytes = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
    .subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** SWCS's namespace for UUID v5: never change it, or every exported id changes. */
export const SWCS_UUID_NAMESPACE = '1f27e677-dd2c-4229-ba9d-b96d656f5d9a';
export const uuidOf = (name: string) => uuidV5(SWCS_UUID_NAMESPACE, name);

/** JSON Schema's `uuid` format: any RFC 4122 layout, whatever the version (the spec's own examples mix v1 and v4). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A lower-case UUID is a valid SWCS id: a publisher's HSDS id is used as it is (see Importer.idOf). */
export const isUuid = (id: string) => UUID_PATTERN.test(id) && id === id.toLowerCase();

/** A record's HSDS id: the publisher's, when our id is one (see Importer.idOf), else derived from ours. */
export const idFor = (ourId: string, key: string) => (isUuid(ourId) ? ourId : uuidOf(key));

/** HSDS ids are compared without case. */
export const lower = (id: string | undefined) => id?.toLowerCase();

/** The id of a record as received, lower-case; undefined when it has none. */
export const idOfEntry = (v: Record<string, unknown>) =>
  typeof v.id === 'string' ? v.id.toLowerCase() : undefined;
