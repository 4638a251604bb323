// Types shared by the new-media adapters and the collector.
import type { NewMediaAccount, NewMediaPost } from '../../rules/site-model.js';

export type Platform = NewMediaAccount['platform'];
export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json' | 'html';

/** A post as read from a feed, with the links found in its content (for the link audit). */
export interface FeedPost extends NewMediaPost {
  links: string[];
  /** Anchor text (or image alt) per link, when it has one. */
  linkText?: Record<string, string>;
}

export interface ParsedFeed {
  format: FeedFormat;
  title?: string;
  posts: FeedPost[];
}

export interface ListSelectors {
  item: string;
  title?: string;
  date?: string;
  link?: string;
}

export interface ParseOptions {
  /** URL the body came from (base for relative links). */
  baseUrl: string;
  /** Audit reference day, for relative and year-less dates. */
  asOf: string;
  now?: Date;
}

/** A body that is not a readable feed; the message is zh-CN and goes into the finding's evidence. */
export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}
