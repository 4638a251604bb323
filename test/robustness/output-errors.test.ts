// A full disk (ENOSPC) while findings.json is written gives exit 2 and a clear zh-CN message, leaves no
// half-written findings.json, and keeps the journal so the audit can be resumed once space is freed.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  const full = (file: unknown) => disk.full && String(file).includes('findings.json');
  const writeFile: typeof actual.writeFile = async (file, data, options) => {
    if (full(file)) throw enospc();
    return actual.writeFile(file, data, options);
  };
  // findings.json is written in pieces through a file handle: its writes fail once the disk is full.
  const open = (async (file: Parameters<typeof actual.open>[0], ...rest: [never?, never?]) => {
    const handle = await actual.open(file, ...rest);
    if (full(file)) handle.writeFile = async () => Promise.reject(enospc());
    return handle;
  }) as typeof actual.open;
  return { ...actual, writeFile, open, default: { ...actual, writeFile, open } };
});

const { runAuditCommand } = await import('../../crawler/cli/audit-command.js');
const { JOURNAL_FILE } = await import('../../crawler/crawl/journal.js');

let dir: string;
let server: http.Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gongkai-enospc-'));
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html><body><p>正文</p></body></html>'));
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  await closeServer(server);
  await rm(dir, { recursive: true, force: true });
});

describe('disk full', () => {
  it('exits 2 naming the problem, without a partial findings.json, journal kept for --resume', async () => {
    let stderr = '';
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    disk.full = true;
    const outDir = join(dir, 'out');
    let code: number;
    try {
      code = await runAuditCommand(base, { out: outDir, format: 'json', cache: false });
    } finally {
      disk.full = false;
      err.mockRestore();
      out.mockRestore();
    }
    expect(code).toBe(2);
    expect(stderr).toMatch(/磁盘空间不足/);
    expect(stderr).toMatch(/findings\.json/);
    expect(existsSync(join(outDir, 'findings.json'))).toBe(false);
    expect(existsSync(join(outDir, JOURNAL_FILE))).toBe(true);
  });
});
