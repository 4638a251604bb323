#!/usr/bin/env node
// Launcher: registers tsx's loader in-process so the TypeScript CLI runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../crawler/cli/main.ts');
