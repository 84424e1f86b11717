import { ValidationError } from '../errors/validation-error.js';

/** `YYYYMMDDTHHMMSSZ` in UTC, the only form the gateway accepts in `X-Sdk-Date`. */
export function formatSdkDate(date: Date): string {
  const time = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(time)) throw new ValidationError('options.date', 'must be a valid Date');
  const second = Math.floor(time / 1000);
  // Busy clients sign many requests within one second; formatting once per second is measurably cheaper.
  if (second === lastSecond) return lastFormatted;
  const iso = date.toISOString(); // 2024-04-16T09:53:41.123Z
  if (iso.length !== 24) throw new ValidationError('options.date', 'must be between the years 0000 and 9999');
  lastFormatted = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  lastSecond = second;
  return lastFormatted;
}

let lastSecond = Number.NaN;
let lastFormatted = '';

const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The instant an `X-Sdk-Date` value names, or undefined when it is not of that exact form or not a real date. */
export function parseSdkDate(text: string): Date | undefined {
  const match = SDK_DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Reject what Date.UTC silently rolls over, such as 20240231 or hour 24.
  return formatSdkDate(date) === text ? date : undefined;
}
