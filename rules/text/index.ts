export * from './id-number.js';
export * from './mobile.js';
export * from './mask.js';
export * from './serious-errors.js';
export * from './cjk.js';
