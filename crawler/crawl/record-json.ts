// Page records as the journal and the incremental cache store them: JSON in which each link is an array
// [url, raw, tag, attr, text, selector, flags] instead of an object. Links are ≈85 % of a record's JSON and every
// link object repeated its eight keys: as arrays the JSON is ≈25 % smaller (less to write, to store and to read
// back), and reading it back parses arrays of strings, which V8 does faster than objects, and builds a link object
// only for a link not seen before (`linkSharer` hands out the one it keeps for a repeated link).
// Records stored by an earlier version (links as objects) read back as they are.
import type { PageLink, PageRecord } from '../page-record.js';

/** A link as stored: flags bit 0 = attachment, bit 1 = internal. */
export type LinkTuple = [url: string, raw: string, tag: PageLink['tag'], attr: string, text: string, selector: string, flags: number];

const ATTACHMENT = 1;
const INTERNAL = 2;

export function linkTuple(l: PageLink): LinkTuple {
  return [l.url, l.raw, l.tag, l.attr, l.text, l.selector, (l.attachment ? ATTACHMENT : 0) | (l.internal ? INTERNAL : 0)];
}

export function linkFromTuple(t: LinkTuple): PageLink {
  const flags = t[6];
  return { url: t[0], raw: t[1], tag: t[2], attr: t[3], text: t[4], selector: t[5], attachment: (flags & ATTACHMENT) !== 0, internal: (flags & INTERNAL) !== 0 };
}

/** Whether a stored tuple is that link, field by field. */
export function tupleIs(t: LinkTuple, l: PageLink): boolean {
  const flags = t[6];
  return (
    l.selector === t[5] &&
    l.text === t[4] &&
    l.raw === t[1] &&
    l.tag === t[2] &&
    l.attr === t[3] &&
    l.attachment === ((flags & ATTACHMENT) !== 0) &&
    l.internal === ((flags & INTERNAL) !== 0)
  );
}

/** The record's stored JSON (links as tuples; every other field as JSON.stringify writes it, in the same order). */
export function stringifyRecord(record: PageRecord): string {
  const links = record.links;
  const tuples: LinkTuple[] = new Array(links.length);
  for (let i = 0; i < links.length; i++) tuples[i] = linkTuple(links[i]!);
  return JSON.stringify({ ...record, links: tuples });
}

/** What a stored link becomes: a tuple (this version) or an object (an earlier version's record). */
export type LinkReader = (stored: PageLink | LinkTuple) => PageLink;

const plainLink: LinkReader = (stored) => (Array.isArray(stored) ? linkFromTuple(stored) : stored);

/** Turns a parsed stored record's links into link objects, in place (`link` may hand out shared ones). */
export function decodeRecord(record: PageRecord, link: LinkReader = plainLink): PageRecord {
  const links = record.links as (PageLink | LinkTuple)[] | undefined;
  if (!Array.isArray(links)) return record;
  for (let i = 0; i < links.length; i++) links[i] = link(links[i]!);
  return record;
}

/** A stored record from its JSON (throws on invalid JSON, as JSON.parse does). */
export function parseRecord(json: string, link?: LinkReader): PageRecord {
  return decodeRecord(JSON.parse(json) as PageRecord, link);
}
