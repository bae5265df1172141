import { auditOf } from '#adapters/dynamodb/audit.js';
import type { Caller } from '#model/caller.js';
import { badRequest, conflict, invalidInput } from '#kernel/errors.js';
import { NATIONAL } from '../tenancy.js';
import type { CantonDefinition } from '#domain/canton.js';
import {
  isOverrideDocument,
  locateProblems,
  parseProtocolDefinition,
  type PublishedProtocol,
  planPublication,
  protocolInForce,
  resolveProtocol,
  validateProtocolReferences,
} from '#domain/protocol.js';
import { findCanton } from '#adapters/dynamodb/cantons-store.js';
import { publishVersion, versionsOf } from '#adapters/dynamodb/protocols-store.js';
import { BatchReads } from '#adapters/dynamodb/batch-reads.js';
import { namedServicesByReach } from '../catalogue/referable.js';
import type { NamedWrite } from '#adapters/dynamodb/versioned.js';
import { type ProtocolsForWrite, withKeptProtocols } from './effective.js';

/**
 * Publishing a protocol: a canton's full definition, or an override of the national template in force (resolved
 * now and stored whole, so referrals snapshot a complete definition). Every check runs before anything is written;
 * the new version never changes an earlier one except to end it where the new one starts. A canton's version
 * offers only services of its own catalogue; national ones are named apart, as reached by escalation.
 */
export function publishProtocol(input: {
  canton: CantonDefinition;
  category: string;
  subcategory: string;
  document: unknown;
  caller: Caller;
  now: Date;
}): Promise<PublishedProtocol> {
  // The national template an override inherits from may come from the container's kept versions: the publication's
  // transaction checks it is still current (effective.ts). The canton's own versions are always read: the new
  // version's number is what makes two coordinators publishing at once a conflict, never a silent second version.
  return withKeptProtocols((protocols) => publishWith(protocols, input));
}

async function publishWith(
  protocols: ProtocolsForWrite,
  input: Parameters<typeof publishProtocol>[0],
): Promise<PublishedProtocol> {
  const { canton, category, subcategory, document, caller, now } = input;
  const checks: NamedWrite[] = [];
  const override = isOverrideDocument(document);
  let template: PublishedProtocol | undefined;
  if (override) {
    if (canton.id === NATIONAL) {
      throw badRequest('inherits', {
        es: 'una plantilla nacional no hereda de otra: publique la definición completa',
        en: 'a national template inherits from nothing: publish the full definition',
      });
    }
    template = protocolInForce(
      await protocols.versions(NATIONAL, category, subcategory, checks),
      now,
      canton.timeZone,
    );
    if (!template) {
      throw conflict({
        es: `No hay plantilla nacional vigente para ${category}/${subcategory} de la cual heredar`,
        en: `There is no national template in force for ${category}/${subcategory} to inherit from`,
      });
    }
  }
  const resolved = template
    ? resolveProtocol(template.definition, document)
    : parseProtocolDefinition(document);
  if (!resolved.ok) throw invalidInput(resolved.problems);
  const resolvedDefinition = 'definition' in resolved ? resolved.definition : resolved.value;
  // A canton's version always says which national services it reaches by escalation (none: []), so that a version
  // without the list is known to predate it (predatesNationalServiceIds).
  const definition =
    canton.id === NATIONAL
      ? resolvedDefinition
      : { ...resolvedDefinition, nationalServiceIds: resolvedDefinition.nationalServiceIds ?? [] };
  if (definition.subcategory.category !== category || definition.subcategory.subcategory !== subcategory) {
    throw badRequest('subcategory', {
      es: `debe ser ${category}/${subcategory}, como en la dirección`,
      en: `must be ${category}/${subcategory}, as in the path`,
    });
  }

  const national = canton.id === NATIONAL ? canton : await findCanton(NATIONAL);
  const services = await namedServices(canton, definition);
  const problems = validateProtocolReferences(definition, {
    canton,
    national: national ?? canton,
    ...services,
  });
  if (problems.length > 0) throw invalidInput(locateProblems(problems, document));

  const existing = await versionsOf(canton.id, category, subcategory);
  const plan = planPublication(existing, definition, now, canton.timeZone);
  if (!plan.ok) throw invalidInput(plan.problems);

  const published: PublishedProtocol = {
    cantonId: canton.id,
    category,
    subcategory,
    version: plan.version,
    definition,
    publishedAt: now.toISOString(),
    publishedBy: caller.userId,
    ...(template ? { inheritsFrom: { cantonId: NATIONAL, version: template.version } } : {}),
  };
  await publishVersion(
    published,
    plan.previous,
    protocols.toWrite(checks),
    auditOf(
      caller,
      canton.id,
      'protocol.publish',
      { type: 'protocol', id: `${category}/${subcategory}/v${plan.version}` },
      { at: published.publishedAt },
    ),
  );
  return published;
}

/**
 * Which of the services the definition names are in the canton's own catalogue and which in the national one: the
 * named ids read by key in both, in one batch (nothing when it names none), rather than both catalogues listed.
 */
async function namedServices(
  canton: CantonDefinition,
  definition: {
    readonly eligibleServiceIds: readonly string[];
    readonly nationalServiceIds?: readonly string[];
  },
): Promise<{ serviceIds: ReadonlySet<string>; nationalServiceIds: ReadonlySet<string> }> {
  const found = await namedServicesByReach(
    canton,
    [...definition.eligibleServiceIds, ...(definition.nationalServiceIds ?? [])],
    new BatchReads(),
  );
  return {
    serviceIds: new Set(found.own.map((s) => s.id)),
    nationalServiceIds: new Set(found.national.map((s) => s.id)),
  };
}
