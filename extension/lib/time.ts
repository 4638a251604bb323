// Dates and times shown to editors are Asia/Shanghai: the reports' formatters, with times to the minute.
import { shanghaiDate, shanghaiDateTime as shanghaiDateTimeSeconds } from '../../reports/time.js';

export { shanghaiDate };

/** YYYY-MM-DD HH:mm in Asia/Shanghai, or the input unchanged when it is not a parseable time. */
export function shanghaiDateTime(value: string | Date): string {
  const text = shanghaiDateTimeSeconds(value);
  return /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? text.slice(0, 16) : text;
}
