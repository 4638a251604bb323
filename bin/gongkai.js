#!/usr/bin/env node
// Launcher: runs the TypeScript CLI without a build step, from a cached esbuild bundle (bin/load-bundled.js).
import { importEntry } from './load-bundled.js';

await importEntry('crawler/cli/main.ts');
