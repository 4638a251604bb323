// Placeholder until reports/history land: registers report, history, diff, waive, schedule and serve.
import type { Command } from 'commander';

export function registerReportCommands(_program: Command): void {}
