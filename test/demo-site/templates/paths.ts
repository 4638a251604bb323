// URL and number formats of the two CMSs and of the disclosure table.
import { compact, parts } from '../dates.js';
import { idCheckChar } from '../identity.js';
import { SITE } from './site-info.js';

/** TRS WCM: /{dir}/{YYYYMM}/t{YYYYMMDD}_{id}.html */
export function trsArticlePath(dir: string, date: string, id: number): string {
  return `${dir}${compact(date).slice(0, 6)}/t${compact(date)}_${id}.html`;
}

/** TRS upload: /{dir}/{YYYYMM}/P0{YYYYMMDD}{seq}.{ext} */
export function trsFilePath(dir: string, date: string, id: number, ext: string): string {
  return `${dir}${compact(date).slice(0, 6)}/P0${compact(date)}${String(id).padStart(9, '0')}.${ext}`;
}

/** Hanweb: /art/YYYY/M/D/art_{col}_{id}.html (no zero padding) */
export function hanwebArticlePath(col: number, date: string, id: number): string {
  const { y, m, d } = parts(date);
  return `/art/${y}/${m}/${d}/art_${col}_${id}.html`;
}

export const CREDIT_CODE = SITE.creditCodeBase17 + idCheckChar(SITE.creditCodeBase17);

/** 索引号: 18-char credit code (or 9-char org code on older pages) + /YYYY-NNNNN */
export function indexNo(date: string, seq: number, kind: 'credit' | 'org' = 'credit'): string {
  return `${kind === 'credit' ? CREDIT_CODE : SITE.orgCode}/${parts(date).y}-${String(seq).padStart(5, '0')}`;
}

/** 文号 per GB/T 9704: 吉交发〔2022〕12号 */
export function docNo(prefix: string, date: string, n: number): string {
  return `${prefix}〔${parts(date).y}〕${n}号`;
}
