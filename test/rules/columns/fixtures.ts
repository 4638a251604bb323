// Page records for inventory tests, built the way extractPage would fill them.
import { pageRecordSchema, type PageRecord, type PageRecordInput } from '../../../crawler/page-record.js';

export function link(url: string, text: string, extra: Partial<{ attachment: boolean; internal: boolean }> = {}) {
  return { url, raw: url, tag: 'a' as const, attr: 'href', text, selector: 'a', attachment: false, internal: true, ...extra };
}

export function entry(title: string, url: string, date?: string) {
  return date ? { title, url, date, selector: 'li' } : { title, url, selector: 'li' };
}

export function page(url: string, kind: PageRecord['kind'], rest: Omit<Partial<PageRecordInput>, 'url' | 'kind'> = {}): PageRecord {
  return pageRecordSchema.parse({ status: 200, ...rest, url, kind });
}
