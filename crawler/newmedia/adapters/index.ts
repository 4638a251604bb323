export { parseXmlFeed } from './xml-feed.js';
export { parseJsonFeed } from './json-feed.js';
export { parseHtmlList } from './html-list.js';
export { parseFeedBody } from './parse-feed.js';
export { postContent, absoluteHttpUrl } from './post-content.js';
