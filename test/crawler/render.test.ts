// --render: a list that only exists after the page's script runs is crawled through Chromium, and the page
// records come from the same extraction (its links are audited like any other).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAuditDetailed } from '../../crawler/audit.js';
import { linkPack } from './fixtures/link-pack.js';
import { listenOnLoopback, closeServer } from '../helpers/loopback.js';

let server: http.Server;
let base: string;
const dirs: string[] = [];
const hasChromium = existsSync(process.env.GONGKAI_CHROMIUM ?? '/usr/bin/chromium');

const HOME = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>脚本列表</title></head><body>
<ul id="list"></ul>
<script>
  var items = [['/zwgk/t20220315_1.html', '关于公路养护的通知']];
  var list = document.getElementById('list');
  items.forEach(function (it) {
    var li = document.createElement('li');
    var a = document.createElement('a');
    a.href = it[0];
    a.textContent = it[1];
    li.appendChild(a);
    list.appendChild(li);
  });
</script></body></html>`;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(HOME);
    if (req.url === '/zwgk/t20220315_1.html') {
      return void res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!DOCTYPE html><html><head><title>通知</title></head><body><p>正文</p><a href="/zwgk/missing.html">附件说明</a></body></html>');
    }
    res.writeHead(404, { 'content-type': 'text/html' }).end('not found');
  });
  base = await listenOnLoopback(server);
});

afterAll(async () => {
  await closeServer(server);
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function audit(render: boolean) {
  const outDir = await mkdtemp(join(tmpdir(), 'gongkai-render-'));
  dirs.push(outDir);
  return runAuditDetailed({ url: base, outDir, asOf: '2022-06-30', polite: false, render, packs: [linkPack], reports: false, recheckDelayMs: 50 });
}

describe.skipIf(!hasChromium)('--render', () => {
  it('finds the script-built list only when rendering', async () => {
    const plain = await audit(false);
    expect(plain.audit.audit.pagesCrawled).toBe(1);
    expect(plain.audit.findings.filter((f) => f.rule === 'link/broken')).toEqual([]);

    const rendered = await audit(true);
    expect(rendered.audit.audit.render).toBe(true);
    expect(rendered.audit.audit.pagesCrawled).toBe(2);
    const broken = rendered.audit.findings.filter((f) => f.rule === 'link/broken');
    expect(broken.map((f) => [f.url, f.target, f.evidence.status])).toEqual([
      [`${base}zwgk/t20220315_1.html`, `${base}zwgk/missing.html`, 404],
    ]);
  }, 90_000);
});
