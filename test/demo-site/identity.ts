// Synthetic personal numbers for the privacy cases: resident IDs that pass (or purposely fail) the GB 11643-1999
// check digit, mobiles, and the masked forms that sites use.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`需要17位数字：${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** A resident ID that passes the checksum: area (6) + birth YYYYMMDD + sequence (3) + check. */
export function validId(area: string, birth: string, seq: string): string {
  const first17 = `${area}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}

export function passesIdChecksum(id: string): boolean {
  return /^\d{17}[\dX]$/.test(id) && idCheckChar(id.slice(0, 17)) === id[17];
}

/** Same first 17 digits with a digit check character that is wrong. */
export function failingId(area: string, birth: string, seq: string): string {
  const first17 = `${area}${birth}${seq}`;
  const right = idCheckChar(first17);
  const wrong = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'].find((c) => c !== right && c !== 'X')!;
  return first17 + wrong;
}

/** 220102********1234: first 6 and last 4 kept (the form evidence uses). */
export function maskId(id: string): string {
  return `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****1234 */
export function maskMobile(mobile: string): string {
  return `${mobile.slice(0, 3)}****${mobile.slice(-4)}`;
}
