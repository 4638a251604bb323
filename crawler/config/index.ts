export * from './config-schema.js';
export { ConfigError, loadConfig, parseConfig } from './load-config.js';
