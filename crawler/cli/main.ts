// gongkai CLI entry: each part registers its own subcommands.
import { Command } from 'commander';
import { registerAuditCommand } from './audit-command.js';
import { registerReportCommands } from '../../reports/cli/report-commands.js';
import { zhHelp } from '../../reports/cli/commander-zh.js';
import { TOOL_VERSION } from '../version.js';
import { translateCommanderError } from './commander-zh.js';
import { limitHeapGrowth } from '../heap-growth.js';

limitHeapGrowth();

const program = new Command();
program.name('gongkai').description('政府网站内容审计工具（公开）').version(TOOL_VERSION, '-V, --version', '显示版本号');
program.helpOption('-h, --help', '显示帮助');
program.addHelpCommand('help [command]', '显示命令帮助');
program.configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
program.showSuggestionAfterError(false);
// Before the commands are added: they inherit the zh-CN help headings and default-value notes.
program.configureHelp(zhHelp);
registerAuditCommand(program);
registerReportCommands(program);
// Commander exits 1 on usage errors; the contract says 2.
program.exitOverride((err) => {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') process.exit(0);
  process.exit(2);
});
for (const cmd of program.commands) cmd.exitOverride((err) => {
  if (err.code === 'commander.helpDisplayed' || err.code === 'commander.help') process.exit(0);
  process.exit(2);
});
await program.parseAsync(process.argv);
