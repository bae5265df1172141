import { clock } from '../../functions/kernel/clock.js';
import { localDate } from '../../functions/domain/deadlines.js';

/**
 * A date on Quito's calendar (YYYY-MM-DD), `days` after the product clock's now: what "today" means to the rules
 * that read dates in the canton's zone (a counter-referral's date served, a protocol's validity). The UTC date is
 * already tomorrow there from 19:00 each evening, so a test that sends it fails at that hour.
 */
export function quitoDay(days = 0): string {
  return localDate(new Date(clock.now().getTime() + days * 86_400_000), 'America/Guayaquil');
}
