export { LinkChecker, isCheckable, outcomeFromError, outcomeFromResponse, type LinkCheckOptions } from './link-checker.js';
export { linkEdges } from './link-graph.js';
