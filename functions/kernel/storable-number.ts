import type { Localized } from './messages.js';

/**
 * Which numbers DynamoDB can store, in one place for every way data comes in (API bodies, HSDS imports): magnitudes
 * from 1e-130 up to (not including) 1e126, and whole numbers only while JavaScript holds them exactly (2^53), since
 * beyond that the SDK refuses them and the digits would be wrong anyway.
 */
export function isStorableNumber(n: number): boolean {
  if (Number.isInteger(n)) return Number.isSafeInteger(n);
  const magnitude = Math.abs(n);
  return magnitude >= 1e-130 && magnitude < 1e126;
}

export const UNSTORABLE_NUMBER: Localized = {
  es: 'número fuera del rango que se puede guardar (entero de hasta 15 dígitos, o magnitud entre 1e-130 y 1e125)',
  en: 'number outside the range that can be stored (a whole number of up to 15 digits, or a magnitude between 1e-130 and 1e125)',
};
