import { createHash } from 'node:crypto';
import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ulid } from '#kernel/ids.js';
import type { RegistryHousehold } from '#domain/registry.js';
import type { ChangeStatus, FieldChange } from '#domain/registry-change.js';
import type { ProvisionalIdentity } from '#domain/registry-merge.js';
import { type AuditRecord, auditItem } from './audit.js';
import { dynamo, TABLE_NAME } from './client.js';
import { batchWrite, queryAll, queryPage } from './collections.js';
import * as keys from './keys.js';
import type { ItemRead } from './batch-reads.js';
import { type TransactItem, withoutStorageAttributes } from './versioned.js';

/**
 * The DynamoDB adapter for the social registry. A household is one item (its members inside it, the registry's
 * unit of update); each member with a national ID has a person item keyed by the ID's digest that points at the
 * household, so a screening is two GetItems. A household and its person items change in one transaction.
 */
export interface StoredHousehold {
  readonly household: RegistryHousehold;
  /** The digest of each member's national ID, by member id (members without one are absent). */
  readonly memberDigests: Readonly<Record<string, string>>;
  readonly contentDigest: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface PersonLink {
  readonly householdId: string;
  readonly memberId: string;
}

/** What a household's content hashes to: an import of the same household again writes nothing. */
export const householdContentDigest = (household: RegistryHousehold) =>
  createHash('sha256').update(JSON.stringify(household)).digest('base64url');

async function batchGet(keyList: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keyList.length; i += 100) {
    let pending = keyList.slice(i, i + 100);
    for (let attempt = 0; pending.length > 0; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB left registry reads unprocessed after 8 attempts');
      if (attempt > 0) await new Promise((done) => setTimeout(done, 50 * 2 ** attempt));
      const answer = await dynamo.send(
        new BatchGetCommand({ RequestItems: { [TABLE_NAME]: { Keys: pending, ConsistentRead: true } } }),
      );
      found.push(...(answer.Responses?.[TABLE_NAME] ?? []));
      pending = (answer.UnprocessedKeys?.[TABLE_NAME]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

const toStored = (item: Record<string, unknown>): StoredHousehold => {
  const { household, memberDigests, contentDigest, version, updatedAt, updatedBy } =
    item as never as StoredHousehold;
  return { household, memberDigests, contentDigest, version, updatedAt, updatedBy };
};

export async function findHousehold(householdId: string): Promise<StoredHousehold | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.registryHousehold(householdId), ConsistentRead: true }),
  );
  return Item ? toStored(Item) : undefined;
}

/** A household as a read that joins an operation's batch (batch-reads.ts). */
export const householdRead = (householdId: string): ItemRead<StoredHousehold> => ({
  key: keys.registryHousehold(householdId),
  decode: toStored,
});

/** Where a national ID's digest is in the registry, as a read that joins an operation's batch. */
export const personRead = (digest: string): ItemRead<PersonLink> => ({
  key: keys.registryPerson(digest),
  decode: (item) => ({ householdId: String(item.householdId), memberId: String(item.memberId) }),
});

export async function findPerson(digest: string): Promise<PersonLink | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: TABLE_NAME, Key: keys.registryPerson(digest), ConsistentRead: true }),
  );
  return Item ? { householdId: String(Item.householdId), memberId: String(Item.memberId) } : undefined;
}

export interface HouseholdWrite {
  readonly household: RegistryHousehold;
  readonly memberDigests: Readonly<Record<string, string>>;
}

export interface RegistryConflict {
  readonly householdId: string;
  readonly memberId: string;
  readonly otherHouseholdId: string;
}

export type BatchOutcome =
  | { readonly ok: true; readonly written: number; readonly unchanged: number }
  | { readonly ok: false; readonly conflicts: readonly RegistryConflict[] };

/** The transaction that writes one household (new version) and moves its person items with it. */
export function householdWrites(
  write: HouseholdWrite,
  previous: StoredHousehold | undefined,
  stamp: { at: string; by: string },
): TransactItem[] {
  const version = (previous?.version ?? 0) + 1;
  const item = {
    ...keys.registryHousehold(write.household.householdId),
    entity: 'registry-household',
    household: write.household,
    memberDigests: write.memberDigests,
    contentDigest: householdContentDigest(write.household),
    version,
    updatedAt: stamp.at,
    updatedBy: stamp.by,
  };
  const kept = new Set(Object.values(write.memberDigests));
  return [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: item,
        ...(previous
          ? {
              ConditionExpression: '#version = :previous',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':previous': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(PK)' }),
      },
    },
    ...Object.entries(write.memberDigests).map(([memberId, digest]): TransactItem => ({
      Put: {
        TableName: TABLE_NAME,
        Item: {
          ...keys.registryPerson(digest),
          entity: 'registry-person',
          householdId: write.household.householdId,
          memberId,
        },
        // A person belongs to one household: another household's member is a conflict, not a move.
        ConditionExpression: 'attribute_not_exists(PK) OR householdId = :household',
        ExpressionAttributeValues: { ':household': write.household.householdId },
      },
    })),
    ...Object.values(previous?.memberDigests ?? {})
      .filter((digest) => !kept.has(digest))
      .map((digest): TransactItem => ({
        Delete: {
          TableName: TABLE_NAME,
          Key: keys.registryPerson(digest),
          ConditionExpression: 'householdId = :household',
          ExpressionAttributeValues: { ':household': write.household.householdId },
        },
      })),
  ];
}

/** At most this many keys go into one BatchGetItem. */
const BATCH_READ_LIMIT = 100;

const personKeys = (writes: readonly HouseholdWrite[]) =>
  [...new Set(writes.flatMap((w) => Object.values(w.memberDigests)))].map(keys.registryPerson);

/**
 * What a batch finds stored: its households as they are, those it changes, and the household that owns each of
 * their members' national IDs (by person key). When the households and all their members' person items fit one
 * BatchGetItem (an API call with a few households) they are read together; a larger batch reads its households
 * first and then only the person items of those it changes, so that a periodic update that changes little reads
 * little.
 */
async function readBatch(writes: readonly HouseholdWrite[]) {
  const householdKeys = writes.map((w) => keys.registryHousehold(w.household.householdId));
  const together = householdKeys.length + personKeys(writes).length <= BATCH_READ_LIMIT;
  const first = await batchGet(together ? [...householdKeys, ...personKeys(writes)] : householdKeys);
  const stored = new Map(
    first
      .filter((item) => item.SK === 'HOUSEHOLD')
      .map((item) => {
        const s = toStored(item);
        return [s.household.householdId, s] as const;
      }),
  );
  const changed = writes.filter(
    (w) => stored.get(w.household.householdId)?.contentDigest !== householdContentDigest(w.household),
  );
  const persons = together
    ? first.filter((item) => item.SK === 'PERSON')
    : await batchGet(personKeys(changed));
  const owners = new Map(persons.map((item) => [String(item.PK), String(item.householdId)]));
  return { stored, changed, owners };
}

/**
 * Writes a batch of households as the registry sends them: each unchanged one is skipped, each other written with
 * its person items in one transaction. Before anything is written, every member's national ID is checked against
 * the person items: one that belongs to another household refuses the whole batch, with every conflict named.
 * Writing a batch again changes nothing; a batch cut short is finished by sending it again.
 *
 * The batch's audit record (built from what the batch turned out to change) joins the transaction of the household
 * written last, once all the others are in: it is never written without the batch, nor the batch's end without it.
 * It is a write of its own only when nothing changed.
 */
export async function writeHouseholds(
  writes: readonly HouseholdWrite[],
  stamp: { at: string; by: string },
  audit?: (counts: { written: number; unchanged: number }) => AuditRecord,
): Promise<BatchOutcome> {
  const { stored, changed, owners } = await readBatch(writes);
  const conflicts = changed.flatMap((w) =>
    Object.entries(w.memberDigests).flatMap(([memberId, digest]) => {
      const owner = owners.get(keys.registryPerson(digest).PK);
      return owner && owner !== w.household.householdId
        ? [{ householdId: w.household.householdId, memberId, otherHouseholdId: owner }]
        : [];
    }),
  );
  if (conflicts.length > 0) return { ok: false, conflicts };

  const counts = { written: changed.length, unchanged: writes.length - changed.length };
  const audited = audit ? [auditWrite(audit(counts))] : [];
  const queue = changed.slice(0, -1);
  const worker = async () => {
    for (let write = queue.shift(); write; write = queue.shift()) {
      await writeOne(write, stored.get(write.household.householdId), stamp);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  const last = changed.at(-1);
  if (last) await writeOne(last, stored.get(last.household.householdId), stamp, audited);
  else if (audited.length > 0) await dynamo.send(new TransactWriteCommand({ TransactItems: audited }));
  return { ok: true, ...counts };
}

/** One household's transaction, with `also` (the batch's audit record) in it. */
async function writeOne(
  write: HouseholdWrite,
  previous: StoredHousehold | undefined,
  stamp: { at: string; by: string },
  also: readonly TransactItem[] = [],
) {
  const send = (items: TransactItem[]) => dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  try {
    await send([...householdWrites(write, previous, stamp), ...also]);
  } catch (error) {
    // Someone wrote the household meanwhile (a concurrent batch): read it again and write over it once.
    if (!(error instanceof TransactionCanceledException)) throw error;
    const now = await findHousehold(write.household.householdId);
    if (now?.contentDigest !== householdContentDigest(write.household))
      await send([...householdWrites(write, now, stamp), ...also]);
    else if (also.length > 0) await send([...also]);
  }
}

/** The digest of the demo registry file last seeded in full (the seed ledger of the national level). */
export async function registrySeedDigest(): Promise<string | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.registrySeed(),
      ConsistentRead: true,
    }),
  );
  return Item ? String(Item.digest) : undefined;
}

export async function saveRegistrySeedDigest(digest: string, at: string) {
  await dynamo.send(
    new PutCommand({
      TableName: TABLE_NAME,
      Item: { ...keys.registrySeed(), entity: 'seed-file', digest, appliedAt: at },
    }),
  );
}

// ---- A citizen's file in a canton: links to requests, benefits delivered locally, who screened them ----

export interface LocalBenefit {
  readonly benefitId: string;
  readonly cantonId: string;
  readonly program: string;
  readonly serviceId?: string;
  readonly referralId?: string;
  readonly deliveredOn: string;
  readonly kind: 'in-kind' | 'cash';
  readonly amount?: number;
  readonly description?: string;
  readonly recordedBy: string;
  readonly recordedAt: string;
  /** Set when the completion that recorded it was entered in error: kept for the trail, no longer counted. */
  /**
   * Kept for the trail and no longer counted: its completion was entered in error, or the citizen said they were
   * not served (a denial of the confirmation; an officer re-records it if the follow-up finds they were).
   */
  readonly voided?: {
    readonly at: string;
    readonly by: string;
    readonly reason: 'entered-in-error' | 'citizen-denied';
  };
}

/**
 * Whose file a benefit is kept in: a citizen's file in the canton (by the national ID's digest), or, for attention
 * without ID, the provisional identity's own item collection (a merge links it to the national ID's file).
 */
export type BenefitHolder =
  | { readonly cantonId: string; readonly digest: string }
  | { readonly cantonId: string; readonly provisionalId: string };

const holderKey = (holder: BenefitHolder) =>
  'digest' in holder
    ? keys.citizenFile(holder.cantonId, holder.digest)
    : keys.provisionalIdentity(holder.cantonId, holder.provisionalId).PK;

const benefitItem = (holder: BenefitHolder, benefit: LocalBenefit) => ({
  PK: holderKey(holder),
  SK: `BENEFIT#${benefit.deliveredOn}#${benefit.benefitId}`,
  entity: 'citizen-benefit',
  ...benefit,
});

/** A benefit delivered with a referral's completion, written in the referral's transaction. */
export function benefitWrite(holder: BenefitHolder, benefit: LocalBenefit): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: benefitItem(holder, benefit),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** An audit record as one write of a larger transaction. */
export const auditWrite = (audit: AuditRecord): TransactItem => ({
  Put: { TableName: TABLE_NAME, Item: auditItem(audit) },
});

/** Every benefit in a holder's file (voided ones included), oldest first. */
export async function benefitsOf(holder: BenefitHolder): Promise<LocalBenefit[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :benefit)',
    ExpressionAttributeValues: { ':pk': holderKey(holder), ':benefit': 'BENEFIT#' },
    ConsistentRead: true,
  });
  return items.map((i) => withoutStorageAttributes<LocalBenefit>(i));
}

/**
 * A complaint case filed in its complainant's file (a citizen's, by the digest of their national ID, or a
 * provisional identity's), written with the case when it opens: how the household file finds a household's cases
 * by key instead of reading the canton's. It stays where it was written: a provisional identity merged into a
 * national ID brings its cases along as it brings its benefits (readUnfoldedFile).
 */
export function complaintFileEntryWrite(
  holder: BenefitHolder,
  complaint: { readonly complaintId: string; readonly createdAt: string },
): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        PK: holderKey(holder),
        SK: `COMPLAINT#${complaint.complaintId}`,
        entity: 'citizen-complaint',
        complaintId: complaint.complaintId,
        createdAt: complaint.createdAt,
      },
    },
  };
}

/** Files cases under their complainants at once (cases opened before their files held them); idempotent. */
export async function fileComplaints(
  entries: readonly { holder: BenefitHolder; complaint: { complaintId: string; createdAt: string } }[],
): Promise<void> {
  await batchWrite(
    entries.map(({ holder, complaint }) => ({
      PutRequest: { Item: complaintFileEntryWrite(holder, complaint).Put?.Item },
    })),
  );
}

/**
 * A provisional identity with the benefits delivered to it and the complaint cases filed under it, in one Query of
 * its partition; undefined when there is no such identity.
 */
export async function provisionalFileOf(
  cantonId: string,
  provisionalId: string,
): Promise<{ identity: ProvisionalIdentity; benefits: LocalBenefit[]; complaintIds: string[] } | undefined> {
  const key = keys.provisionalIdentity(cantonId, provisionalId);
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': key.PK },
    ConsistentRead: true,
  });
  const identity = items.find((i) => i.SK === key.SK);
  if (!identity) return undefined;
  const of = (prefix: string) => items.filter((i) => String(i.SK).startsWith(prefix));
  return {
    identity: withoutStorageAttributes<ProvisionalIdentity>(identity),
    benefits: of('BENEFIT#').map((i) => withoutStorageAttributes<LocalBenefit>(i)),
    complaintIds: of('COMPLAINT#').map((i) => String(i.complaintId)),
  };
}

/** Marks a benefit void (its completion was entered in error), once; in the referral's transaction. */
export function benefitVoidWrite(
  holder: BenefitHolder,
  benefit: LocalBenefit,
  voided: NonNullable<LocalBenefit['voided']>,
): TransactItem {
  return {
    Update: {
      TableName: TABLE_NAME,
      Key: { PK: holderKey(holder), SK: `BENEFIT#${benefit.deliveredOn}#${benefit.benefitId}` },
      UpdateExpression: 'SET voided = :voided',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(voided)',
      ExpressionAttributeValues: { ':voided': voided },
    },
  };
}

export interface ScreeningRecord {
  readonly userId: string;
  readonly roles: readonly string[];
  readonly at: string;
  readonly purpose: string;
}

export interface CitizenFile {
  readonly requestIds: readonly string[];
  /** Provisional identities merged into this national ID: their requests and benefits are the citizen's. */
  readonly mergedIdentities: readonly string[];
  readonly benefits: readonly LocalBenefit[];
  /** The complaint cases filed under this citizen (complaintFileEntryWrite). */
  readonly complaintIds: readonly string[];
  /** Newest first. */
  readonly screenings: readonly ScreeningRecord[];
}

/** The link from a citizen's file to a request recorded for them; written with the request. */
export function requestLinkWrite(
  cantonId: string,
  digest: string,
  requestId: string,
  createdAt: string,
): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        PK: keys.citizenFile(cantonId, digest),
        SK: `REQUEST#${requestId}`,
        entity: 'citizen-request',
        requestId,
        createdAt,
      },
    },
  };
}

export async function readCitizenFile(cantonId: string, digest: string): Promise<CitizenFile> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.citizenFile(cantonId, digest) },
    ConsistentRead: true,
  });
  const of = (prefix: string) => items.filter((i) => String(i.SK).startsWith(prefix));
  return {
    requestIds: of('REQUEST#').map((i) => String(i.requestId)),
    mergedIdentities: of('MERGED#').map((i) => String(i.provisionalId)),
    benefits: of('BENEFIT#').map((i) => withoutStorageAttributes<LocalBenefit>(i)),
    complaintIds: of('COMPLAINT#').map((i) => String(i.complaintId)),
    screenings: of('SCREENING#')
      .reverse()
      .map((i) => {
        const { userId, roles, at, purpose } = i as never as ScreeningRecord;
        return { userId, roles, at, purpose };
      }),
  };
}

/** A screening: the entry in the citizen's file (who looked, when, why) and the audit record, together. */
export async function saveScreening(
  cantonId: string,
  digest: string,
  screening: ScreeningRecord,
  audit: AuditRecord,
) {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              PK: keys.citizenFile(cantonId, digest),
              SK: `SCREENING#${screening.at}#${ulid()}`,
              entity: 'citizen-screening',
              ...screening,
            },
          },
        },
        { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
      ],
    }),
  );
}

export async function saveLocalBenefit(digest: string, benefit: LocalBenefit, audit: AuditRecord) {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              PK: keys.citizenFile(benefit.cantonId, digest),
              SK: `BENEFIT#${benefit.deliveredOn}#${benefit.benefitId}`,
              entity: 'citizen-benefit',
              ...benefit,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
      ],
    }),
  );
}

// ---- Information-update (change) requests and the outbox to the national registry ----

export interface ChangeRequest {
  readonly changeId: string;
  readonly cantonId: string;
  readonly householdId: string;
  /** The citizen's information-update request, closed with the outcome. */
  readonly requestId?: string;
  readonly changes: readonly FieldChange[];
  readonly documents: readonly { kind: string; reference?: string; note?: string }[];
  readonly status: ChangeStatus;
  readonly proposedBy: string;
  readonly proposedAt: string;
  readonly decision?: {
    readonly outcome: 'approved' | 'rejected';
    readonly by: string;
    readonly at: string;
    readonly reason: string;
  };
  /** The household's version the changes were read from. */
  readonly householdVersion: number;
  readonly version: number;
  readonly updatedAt: string;
}

/** What the national registry's integration receives for an approved change: ids and fields, old and new. */
export interface OutboxEntry {
  readonly changeId: string;
  readonly cantonId: string;
  readonly householdId: string;
  readonly changes: readonly FieldChange[];
  readonly approvedBy: string;
  readonly approvedAt: string;
  readonly householdVersion: number;
}

const changeItem = (c: ChangeRequest) => ({
  ...keys.registryChange(c.cantonId, c.changeId),
  entity: 'registry-change',
  ...c,
});

/** An information update waiting for its decision, as the household's screening shows it: which fields. */
export interface PendingUpdate {
  readonly changeId: string;
  readonly cantonId: string;
  readonly fields: readonly { readonly field: string; readonly memberId?: string }[];
  readonly proposedAt: string;
}

/**
 * The mark an open change request leaves on its household (in the household's item collection, so a screening
 * finds it with one Query): written with the proposal, deleted with the decision, in the same transactions.
 */
const pendingKey = (c: Pick<ChangeRequest, 'householdId' | 'cantonId' | 'changeId'>) => ({
  PK: keys.registryHousehold(c.householdId).PK,
  SK: `PENDING#${c.cantonId}#${c.changeId}`,
});

function pendingMarkWrite(change: ChangeRequest): TransactItem {
  const mark: PendingUpdate = {
    changeId: change.changeId,
    cantonId: change.cantonId,
    fields: change.changes.map((c) => ({ field: c.field, ...(c.memberId ? { memberId: c.memberId } : {}) })),
    proposedAt: change.proposedAt,
  };
  return {
    Put: { TableName: TABLE_NAME, Item: { ...pendingKey(change), entity: 'registry-pending', ...mark } },
  };
}

/** The information updates waiting for a decision on a household, oldest first. */
export async function pendingUpdates(householdId: string): Promise<PendingUpdate[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :pending)',
    ExpressionAttributeValues: { ':pk': keys.registryHousehold(householdId).PK, ':pending': 'PENDING#' },
    ConsistentRead: true,
  });
  return items
    .map((i) => {
      const { changeId, cantonId, fields, proposedAt } = i as never as PendingUpdate;
      return { changeId, cantonId, fields, proposedAt };
    })
    .sort((a, b) => a.proposedAt.localeCompare(b.proposedAt));
}

export async function saveChangeRequest(change: ChangeRequest, audit: AuditRecord) {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: changeItem(change),
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        pendingMarkWrite(change),
        { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
      ],
    }),
  );
}

export async function findChangeRequest(
  cantonId: string,
  changeId: string,
): Promise<ChangeRequest | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.registryChange(cantonId, changeId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<ChangeRequest>(Item) : undefined;
}

/**
 * A decision, all or nothing: the change request (guarded by its version), the audit record, and for an approval
 * the household's new version with its person items, the household's history event and the outbox entry for the
 * national registry; plus any writes that go with it (the citizen's request closed). False when someone decided,
 * or changed the household, first.
 */
export async function saveDecision(
  decided: ChangeRequest,
  audit: AuditRecord,
  approval: { write: HouseholdWrite; previous: StoredHousehold; outbox: OutboxEntry } | undefined,
  alsoWrite: readonly TransactItem[] = [],
): Promise<boolean> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: TABLE_NAME,
        Item: changeItem(decided),
        ConditionExpression: '#version = :previous AND #status = :pending',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':previous': decided.version - 1, ':pending': 'pending' },
      },
    },
    { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
    // Decided: the household no longer shows the update as pending.
    { Delete: { TableName: TABLE_NAME, Key: pendingKey(decided) } },
    ...alsoWrite,
  ];
  if (approval) {
    const { write, previous, outbox } = approval;
    items.push(
      ...householdWrites(write, previous, { at: outbox.approvedAt, by: outbox.approvedBy }),
      {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            ...keys.eventOf(keys.registryHousehold(write.household.householdId).PK, previous.version + 1),
            entity: 'registry-household-event',
            version: previous.version + 1,
            at: outbox.approvedAt,
            by: outbox.approvedBy,
            action: 'change-approved',
            details: {
              changeId: outbox.changeId,
              cantonId: outbox.cantonId,
              proposedBy: decided.proposedBy,
              changes: outbox.changes,
            },
          },
        },
      },
      {
        Put: {
          TableName: TABLE_NAME,
          Item: {
            PK: keys.registryOutbox(outbox.cantonId),
            SK: `${outbox.approvedAt}#${outbox.changeId}`,
            entity: 'registry-outbox',
            ...outbox,
          },
        },
      },
    );
  }
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/** A household's history of approved changes, oldest first. */
export async function householdHistory(householdId: string) {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :event)',
    ExpressionAttributeValues: { ':pk': keys.registryHousehold(householdId).PK, ':event': 'EVENT#' },
    ConsistentRead: true,
  });
  return items.map((i) => {
    const { version, at, by, action, details } = i as Record<string, unknown>;
    return { version, at, by, action, details } as {
      version: number;
      at: string;
      by: string;
      action: string;
      details: Record<string, unknown>;
    };
  });
}

/** One page of a canton's outbox to the national registry, oldest first. */
export async function outboxPage(
  cantonId: string,
  page: { limit: number; startKey?: Record<string, unknown> | undefined },
) {
  const found = await queryPage({
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.registryOutbox(cantonId) },
    Limit: page.limit,
    ExclusiveStartKey: page.startKey,
  });
  return {
    entries: found.items.map((i) => withoutStorageAttributes<OutboxEntry>(i)),
    lastKey: found.lastKey,
  };
}

// ---- Attention without ID: provisional identities ----

const identityItem = (identity: ProvisionalIdentity) => ({
  ...keys.provisionalIdentity(identity.cantonId, identity.provisionalId),
  entity: 'provisional-identity',
  ...identity,
  GSI1PK: keys.provisionalIdentities(identity.cantonId),
  GSI1SK: `${identity.createdAt}#${identity.provisionalId}`,
});

/** The identity's first version, written with the request recorded under it. */
export function provisionalIdentityWrite(identity: ProvisionalIdentity): TransactItem {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: identityItem(identity),
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The identity as a read that joins an operation's batch (batch-reads.ts). */
export const provisionalIdentityRead = (
  cantonId: string,
  provisionalId: string,
): ItemRead<ProvisionalIdentity> => ({
  key: keys.provisionalIdentity(cantonId, provisionalId),
  decode: (item) => withoutStorageAttributes<ProvisionalIdentity>(item),
});

export async function findProvisionalIdentity(cantonId: string, provisionalId: string) {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: TABLE_NAME,
      Key: keys.provisionalIdentity(cantonId, provisionalId),
      ConsistentRead: true,
    }),
  );
  return Item ? withoutStorageAttributes<ProvisionalIdentity>(Item) : undefined;
}

/** Every provisional identity of a canton, newest first (searched in memory: names never sit in a key). */
export async function provisionalIdentities(cantonId: string): Promise<ProvisionalIdentity[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.provisionalIdentities(cantonId) },
  });
  return items.map((i) => withoutStorageAttributes<ProvisionalIdentity>(i)).reverse();
}

/**
 * A merge or an unmerge, all or nothing: the identity guarded by its version (of two officers merging the same
 * identity at once, one wins and the other is refused), every request moved with its event, the citizen file's
 * links, and the audit record. False when the identity or one of its requests changed meanwhile.
 */
export async function saveIdentityChange(
  identity: ProvisionalIdentity,
  requests: readonly TransactItem[],
  links: readonly TransactItem[],
  audit: AuditRecord,
): Promise<boolean> {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: TABLE_NAME,
              Item: identityItem(identity),
              ConditionExpression: '#version = :previous',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':previous': identity.version - 1 },
            },
          },
          ...requests,
          ...links,
          { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof TransactionCanceledException) return false;
    throw error;
  }
}

/**
 * The one link a merge writes in the national ID's file: everything kept under the provisional identity (its
 * requests, benefits, complaint cases) is the citizen's from then on; an unmerge deletes it.
 */
export function mergeLinkWrite(cantonId: string, digest: string, provisionalId: string, at: string) {
  return {
    Put: {
      TableName: TABLE_NAME,
      Item: {
        PK: keys.citizenFile(cantonId, digest),
        SK: `MERGED#${provisionalId}`,
        entity: 'citizen-merged-identity',
        provisionalId,
        at,
      },
    },
  } satisfies TransactItem;
}

export function mergeLinkDelete(cantonId: string, digest: string, provisionalId: string): TransactItem {
  return {
    Delete: {
      TableName: TABLE_NAME,
      Key: { PK: keys.citizenFile(cantonId, digest), SK: `MERGED#${provisionalId}` },
    },
  };
}

export function requestLinkDelete(cantonId: string, digest: string, requestId: string): TransactItem {
  return {
    Delete: {
      TableName: TABLE_NAME,
      Key: { PK: keys.citizenFile(cantonId, digest), SK: `REQUEST#${requestId}` },
    },
  };
}

// ---- Consent to share registry data with a provider ----

/**
 * A citizen's consent (or its withdrawal) to share their registry data with one provider, kept in their file in
 * the canton; entries are never changed, the newest for a provider decides.
 */
export interface SharingConsent {
  readonly consentId: string;
  readonly cantonId: string;
  readonly requestId: string;
  readonly organizationId: string;
  readonly decision: 'given' | 'withdrawn';
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export async function saveSharingConsent(digest: string, consent: SharingConsent, audit: AuditRecord) {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: TABLE_NAME,
            Item: {
              PK: keys.citizenFile(consent.cantonId, digest),
              SK: `SHARING#${consent.organizationId}#${consent.recordedAt}#${consent.consentId}`,
              entity: 'citizen-sharing-consent',
              ...consent,
            },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        { Put: { TableName: TABLE_NAME, Item: auditItem(audit) } },
      ],
    }),
  );
}

/** The newest consent entry of a citizen for a provider, if any. */
export async function latestSharingConsent(
  cantonId: string,
  digest: string,
  organizationId: string,
): Promise<SharingConsent | undefined> {
  const found = await dynamo.send(
    new QueryCommand({
      TableName: TABLE_NAME,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sharing)',
      ExpressionAttributeValues: {
        ':pk': keys.citizenFile(cantonId, digest),
        ':sharing': `SHARING#${organizationId}#`,
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const item = found.Items?.[0];
  return item ? withoutStorageAttributes<SharingConsent>(item) : undefined;
}
