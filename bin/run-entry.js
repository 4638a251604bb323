#!/usr/bin/env node
// Runs a TypeScript entry of the project the way bin/gongkai.js runs the CLI (cached esbuild bundle, tsx as the
// fallback): `node bin/run-entry.js test/bench/run-tool.ts ARGS…`. The entry sees ARGS at process.argv.slice(2).
import { join } from 'node:path';
import { importEntry } from './load-bundled.js';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('用法：node bin/run-entry.js <入口文件.ts> [参数…]');
  process.exit(2);
}
process.argv = [process.argv[0], join(process.cwd(), entry), ...args];
await importEntry(entry);
