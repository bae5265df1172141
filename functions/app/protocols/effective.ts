import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import type { PublishedProtocol } from '#domain/protocol.js';
import { protocolInForce } from '#domain/protocol-validity.js';
import type { Service } from '#domain/catalogue.js';
import {
  currentVersions,
  forgetKeptVersions,
  keptVersion,
  versionsOf,
  versionsUnchanged,
} from '#adapters/dynamodb/protocols-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { listServices } from '#adapters/dynamodb/catalogue-store.js';
import { namedServicesByReach } from '../catalogue/referable.js';
import { referableUnder } from './referral-targets.js';
import { AppError } from '#kernel/errors.js';
import { type NamedWrite, StaleCachedRead } from '#adapters/dynamodb/versioned.js';

/**
 * The protocol that governs a subcategory in a canton at an instant: the canton's own version in force, or else
 * the national template in force. Undefined when neither is (no protocol yet, or expired).
 */
export async function effectiveProtocol(
  canton: CantonDefinition,
  category: string,
  subcategory: string,
  at: Date,
): Promise<EffectiveProtocol | undefined> {
  if (canton.id !== NATIONAL) {
    const own = protocolInForce(await versionsOf(canton.id, category, subcategory), at, canton.timeZone);
    if (own) return { protocol: own, source: 'canton' };
  }
  return effectiveAmong(canton, [], await versionsOf(NATIONAL, category, subcategory), at);
}

export interface EffectiveProtocol {
  readonly protocol: PublishedProtocol;
  readonly source: 'canton' | 'national';
}

/** The same choice among versions already read: the canton's own (none for national) and the national ones. */
export function effectiveAmong(
  canton: CantonDefinition,
  own: readonly PublishedProtocol[],
  national: readonly PublishedProtocol[],
  at: Date,
): EffectiveProtocol | undefined {
  const mine = canton.id === NATIONAL ? undefined : protocolInForce(own, at, canton.timeZone);
  if (mine) return { protocol: mine, source: 'canton' };
  const template = protocolInForce(national, at, canton.timeZone);
  return template ? { protocol: template, source: 'national' } : undefined;
}

/** The services a protocol's referral targets are drawn from (referral-targets.ts). */
export interface TargetCatalogues {
  readonly own: readonly Service[];
  readonly national: readonly Service[];
}

/**
 * What a protocol's page shows: every version of the canton's own partition and of the template's, the protocol in
 * force, and the services its referral targets are drawn from. The container's kept versions are used when the
 * operation's one batch of reads finds no version published after them (currentVersions), and the services the
 * kept protocol in force names are read by key in that same batch; so the page usually costs one call, and a
 * publication or a catalogue change made anywhere is seen at once. The canton's whole catalogue is listed only
 * when the protocol names no service (any service of the subcategory may then be chosen).
 */
export async function protocolsToShow(
  canton: CantonDefinition,
  category: string,
  subcategory: string,
  at: Date,
): Promise<{
  own: readonly PublishedProtocol[];
  templates: readonly PublishedProtocol[];
  effective: EffectiveProtocol | undefined;
  catalogues: TargetCatalogues | undefined;
}> {
  const reads = new BatchReads();
  const ownKept = canton.id === NATIONAL ? [] : keptVersion(canton.id, category, subcategory);
  const templatesKept = keptVersion(NATIONAL, category, subcategory);
  const guess = ownKept && templatesKept ? effectiveAmong(canton, ownKept, templatesKept, at) : undefined;
  // Started before the versions' check is awaited, so that its reads join the same batch.
  const early = guess ? targetCatalogues(guess.protocol, canton, reads) : undefined;
  early?.catch(() => undefined);
  const [own, templates] = await Promise.all([
    canton.id === NATIONAL ? [] : currentVersions(canton.id, category, subcategory, reads),
    currentVersions(NATIONAL, category, subcategory, reads),
  ]);
  // Chosen among the versions just read: reading them again to choose would be more calls.
  const effective = effectiveAmong(canton, own, templates, at);
  const sameAsGuess =
    early &&
    effective?.protocol.cantonId === guess?.protocol.cantonId &&
    effective?.protocol.version === guess?.protocol.version;
  const catalogues = effective
    ? await (sameAsGuess ? early : targetCatalogues(effective.protocol, canton, reads))
    : undefined;
  return { own, templates, effective, catalogues };
}

/** The services the protocol names, in both catalogues, and the canton's whole catalogue if it names none. */
async function targetCatalogues(
  protocol: PublishedProtocol,
  canton: CantonDefinition,
  reads: BatchReads,
): Promise<TargetCatalogues> {
  const { eligibleServiceIds, nationalServiceIds = [] } = protocol.definition;
  const named = namedServicesByReach(canton, [...eligibleServiceIds, ...nationalServiceIds], reads);
  // Whether it names none of the canton's own services is known from the ids (but for a canton version predating
  // nationalServiceIds that names only national ones: listed after); listing in parallel keeps the calls at two.
  const mayListAll =
    (canton.id !== NATIONAL && protocol.cantonId === NATIONAL) || eligibleServiceIds.length === 0;
  const all = mayListAll ? listServices(canton.id) : undefined;
  all?.catch(() => undefined);
  const found = await named;
  if (!referableUnder(protocol, canton, found).allServing) return found;
  return { own: await (all ?? listServices(canton.id)), national: found.national };
}

/** What a request records of the protocol it was classified under: enough to find that exact version again. */
export const protocolReference = (p: PublishedProtocol) => ({ cantonId: p.cantonId, version: p.version });

/**
 * The protocol in force for operations that write by it (classifying a request, recording one classified, referring
 * an escalated request): effectiveProtocol's choice, from the container's kept versions when allowed, with the
 * checks the write's transaction must carry — each partition the choice looked at is unchanged since
 * (protocols-store.ts says why that check can never let a stale protocol through). Made by withKeptProtocols.
 */
export class ProtocolsForWrite {
  /** Whether a choice came from a kept copy rather than from the stored versions. */
  servedKept = false;
  /** Set when the operation starts its write: a refusal from then on is the write's own, not the choice's. */
  writing = false;

  constructor(private readonly mayUseKept: boolean) {}

  /** Every version of a partition (kept when allowed), with its check added to `checks`. */
  async versions(
    cantonId: string,
    category: string,
    subcategory: string,
    checks: NamedWrite[],
  ): Promise<readonly PublishedProtocol[]> {
    const kept = this.mayUseKept ? keptVersion(cantonId, category, subcategory) : undefined;
    if (kept) this.servedKept = true;
    const found = kept ?? (await versionsOf(cantonId, category, subcategory));
    checks.push(versionsUnchanged(cantonId, category, subcategory, found));
    return found;
  }

  /** Call with the checks just before the write: returns them to go into its transaction. */
  toWrite(checks: readonly NamedWrite[]): readonly NamedWrite[] {
    this.writing = true;
    return checks;
  }

  async effective(
    canton: CantonDefinition,
    category: string,
    subcategory: string,
    at: Date,
  ): Promise<{ effective: EffectiveProtocol | undefined; checks: NamedWrite[] }> {
    const checks: NamedWrite[] = [];
    const versions = (cantonId: string) => this.versions(cantonId, category, subcategory, checks);
    if (canton.id !== NATIONAL) {
      const mine = protocolInForce(await versions(canton.id), at, canton.timeZone);
      if (mine) return { effective: { protocol: mine, source: 'canton' }, checks };
    }
    return { effective: effectiveAmong(canton, [], await versions(NATIONAL), at), checks };
  }
}

/**
 * Runs an operation that writes by the protocol in force, first on the container's kept versions. When its write
 * found a kept copy stale (nothing was written), or it refused with a 4xx before its write (toWrite) after a choice
 * made on a kept copy (a refusal writes nothing to check, so it must not rest on a copy), the kept versions are
 * forgotten and the operation runs once more on the stored ones; that second outcome stands. A refusal of the write
 * itself (a record changed meanwhile) is answered as it is.
 */
export async function withKeptProtocols<T>(
  operation: (protocols: ProtocolsForWrite) => Promise<T>,
): Promise<T> {
  const first = new ProtocolsForWrite(true);
  try {
    return await operation(first);
  } catch (error) {
    const stale = error instanceof StaleCachedRead;
    const refusedOnKept =
      first.servedKept && !first.writing && error instanceof AppError && error.statusCode < 500;
    if (!stale && !refusedOnKept) throw error;
    forgetKeptVersions();
    return operation(new ProtocolsForWrite(false));
  }
}
