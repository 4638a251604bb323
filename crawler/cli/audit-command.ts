// Placeholder until the audit pipeline lands: registers `gongkai audit`.
import type { Command } from 'commander';

export function registerAuditCommand(program: Command): void {
  program.command('audit <url>').description('审计一个网站').action(() => {
    console.error('尚未实现');
    process.exit(2);
  });
}
