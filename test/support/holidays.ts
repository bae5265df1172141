/**
 * Ecuador's national rest days in 2026 as the Viceministerio de Turismo's official calendar places them, i.e.
 * after the moves of the Ley Orgánica Reformatoria a la LOSEP (Tuesday → Monday, Wednesday/Thursday → Friday,
 * Saturday → Friday, Sunday → Monday; 1 January, 25 December and Carnaval never move).
 *
 * Typed by hand from that calendar, as a fixture for tests that need a fixed year: the product's calendars are data
 * (cantons/holidays/ecuador.json and each canton's own, combined by `calendarFor`), and
 * test/domain/holidays.test.ts checks the data's 2026 against this list.
 */
export const ECUADOR_NATIONAL_HOLIDAYS_2026: readonly string[] = [
  '2026-01-01', // Año Nuevo (Thursday, never moved)
  '2026-01-02', // rest day added by Executive Decree 249 (bridge to the weekend); not a statutory holiday
  '2026-02-16', // Carnaval (Monday)
  '2026-02-17', // Carnaval (Tuesday)
  '2026-04-03', // Viernes Santo
  '2026-05-01', // Día del Trabajo (Friday)
  '2026-05-25', // Batalla de Pichincha: 24 May is a Sunday, rest moved to Monday
  '2026-08-10', // Primer Grito de Independencia (Monday)
  '2026-10-09', // Independencia de Guayaquil (Friday)
  '2026-11-02', // Día de los Difuntos (Monday)
  '2026-11-03', // Independencia de Cuenca (Tuesday)
  '2026-12-25', // Navidad (Friday, never moved)
];
