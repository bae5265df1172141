import type { SECTORS, ServiceInputType } from '../catalogue-input.js';
import type { HsdsService } from './schema.js';

/**
 * How HSDS values read as SWCS's and back: opening times and their UTC offsets, statuses, days, phone numbers, and
 * the sector a publisher's legal status names.
 */

/** The zone of opening times when the canton does not say. */
export const DEFAULT_TIME_ZONE = 'America/Guayaquil';

const pad = (n: number) => String(n).padStart(2, '0');

export function offsetText(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** HSDS statuses are spelled with a space; SWCS's with a dash. */
export const hsdsStatus = (status: ServiceInputType['status']) =>
  status.replace('-', ' ') as HsdsService['status'];
export const swcsStatus = (status: string) => status.replace(' ', '-') as ServiceInputType['status'];

/** An RFC 5545 `byday` list as its days. */
export const weekdays = (byday: string) => byday.split(',').map((day) => day.trim());

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::00(?:\.0+)?)?(Z|[+-](?:[01]\d|2[0-3]):?[0-5]\d)?$/;

/** HSDS times (HH:MM[:00] with an optional Z or offset) as local HH:MM; anything else is left for the model. */
export function localTime(value: string | undefined, localOffset: number): string | undefined {
  if (value === undefined) return undefined;
  const match = TIME.exec(value.trim());
  if (!match) return value;
  let minutes = Number(match[1]) * 60 + Number(match[2]);
  const zone = match[3];
  if (zone !== undefined) {
    const digits = zone.replace(':', '');
    const offset =
      zone === 'Z'
        ? 0
        : (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3)));
    minutes = (((minutes + localOffset - offset) % 1440) + 1440) % 1440;
  }
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * Phone numbers as E.164: separators dropped, `00` read as `+`, and Ecuador's national format (02 398 6000,
 * 099 123 4567) given its +593 prefix. Anything else is left as written, for the model to reject.
 */
export function normalizePhone(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const digits = raw.replace(/[\s().-]/g, '');
  if (/^\+[1-9]\d{6,14}$/.test(digits)) return digits;
  if (/^00[1-9]\d{6,14}$/.test(digits)) return `+${digits.slice(2)}`;
  if (/^0[2-9]\d{7,8}$/.test(digits)) return `+593${digits.slice(1)}`;
  return raw;
}

const LEGAL_STATUS_SECTORS: ReadonlyMap<string, (typeof SECTORS)[number]> = new Map([
  ...['public', 'publico', 'government', 'gobierno', 'gubernamental'].map((w) => [w, 'public'] as const),
  ...['private', 'privado', 'privada', 'empresa', 'company'].map((w) => [w, 'private'] as const),
  ...[
    'non-profit',
    'nonprofit',
    'sin fines de lucro',
    'ong',
    'ngo',
    'charity',
    'fundacion',
    'foundation',
  ].map((w) => [w, 'non-profit'] as const),
  ...['religious', 'religiosa', 'religioso', 'iglesia', 'church', 'parroquia', 'parish'].map(
    (w) => [w, 'religious'] as const,
  ),
]);

export function sectorFromLegalStatus(legalStatus: string | undefined): (typeof SECTORS)[number] | undefined {
  const word = legalStatus
    ?.normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();
  return word === undefined ? undefined : LEGAL_STATUS_SECTORS.get(word);
}
