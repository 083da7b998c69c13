// When a timer trigger's NCRONTAB schedule fires next, the way the Functions host computes it.
import { CronExpressionParser } from 'cron-parser';

/**
 * The next occurrence of a six-field NCRONTAB schedule (`{second} {minute} {hour} {day} {month} {day-of-week}`)
 * strictly after `after`. In UTC, as the Functions host evaluates schedules on Flex Consumption, whatever the
 * machine's time zone: `0 5 * * * *` is five past every hour UTC, also in India (+05:30).
 */
export function nextOccurrence(schedule: string, after: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' }).next().toDate();
}
