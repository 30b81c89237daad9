import type { Clock } from '../clock';
import { isoDay } from '../clock';

/** Today's date (UTC) by the injected clock: what "today" means for statuses, alerts and date checks. */
export function today(clock: Clock): string {
  return isoDay(clock.now());
}

/** `2024-03-15` + 30 → `2024-04-14`; calendar days in UTC. */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}
