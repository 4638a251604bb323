// WXT build of the companion extension (extension/): MV3 for Chromium and Firefox, minimal permissions.
// Host access is optional and requested at run time for the configured sites and the server only.
import { defineConfig } from 'wxt';

// E2E builds (GONGKAI_E2E_HOSTS=comma-separated match patterns) pre-grant host access, because a headless
// browser cannot click the permission prompt. Never set for release builds.
const e2eHosts = (process.env.GONGKAI_E2E_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export default defineConfig({
  srcDir: 'extension',
  outDir: process.env.GONGKAI_EXT_OUT_DIR ?? '.output',
  manifestVersion: 3,
  imports: false,
  // Firefox's sources zip: the code and configs, never tests or generated audit output.
  zip: {
    excludeSources: ['test/**', 'test-artifacts/**', 'bench-results/**', '.gongkai/**', 'gongkai-report/**', 'gongkai-demo-report/**', 'storage/**', 'dist/**', '**/*.log'],
  },
  manifest: ({ browser }) => ({
    name: '公开 Gongkai 网站内容检查',
    description: '在政府网站页面上标出审计发现的问题，并在发布前实时检查隐私泄露、严重表述错误和元数据缺失。',
    default_locale: undefined,
    permissions: ['storage', 'activeTab', 'scripting'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    ...(e2eHosts.length ? { host_permissions: e2eHosts } : {}),
    action: { default_title: '公开 Gongkai' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'gongkai@gongkai.dev', strict_min_version: '128.0' } } }
      : {}),
  }),
});
