// 交通动态 (canonical 工作动态): a 3-page TRS column whose pages 2 and 3 are announced only by createPageHTML.
// Plants content/serious-error, a meta SiteIDCode/footer mismatch, a redirect loop and privacy decoys.
import type { SiteBuilder } from '../site-builder.js';
import type { ListItem } from '../templates/lists.js';
import { trsArticlePath } from '../templates/paths.js';
import { articleMeta } from '../templates/meta.js';
import { MOBILES } from '../attachments/people.js';
import { addArticlePage, addColumnPages } from './helpers.js';
import type { DemoSection } from './types.js';

const DIR = '/xwzx/jtdt/';
const NAME = '交通动态';

const HEADLINES = [
  '全省交通运输系统安全生产工作会议召开',
  '省交通运输厅部署冬季道路养护工作',
  '长春至辽源高速公路改扩建工程进展顺利',
  '全省农村公路“四好”建设现场推进会召开',
  '省交通运输厅开展“我为群众办实事”实践活动',
  '吉林省水路运输安全专项整治行动启动',
  '全省交通运输执法队伍素质能力提升培训班开班',
  '延吉至长白高速公路建设取得阶段性成果',
  '省交通运输厅召开党史学习教育总结会议',
  '全省公路治超工作推进会议召开',
  '吉林省出台推进多式联运发展实施方案',
  '省交通运输厅赴白山市调研交通基础设施建设',
  '全省道路运输行业疫情防控工作视频会议召开',
  '松花江航道维护工作全面展开',
  '省交通运输厅举办政务公开业务培训',
  '全省交通运输“放管服”改革推进会召开',
  '吉林省普通国省干线公路养护工程开工',
  '省交通运输厅开展安全生产月宣传咨询日活动',
  '全省城市公共交通优先发展工作会议召开',
  '图们江航道建设项目通过交工验收',
  '省交通运输厅召开全省交通运输工作会议',
  '全省交通运输系统春运工作会议召开',
  '吉林省公路水运工程质量监督工作会议召开',
  '省交通运输厅开展节前安全生产大检查',
];

export const newsSection: DemoSection = {
  name: 'news',
  build(b: SiteBuilder) {
    const base = b.staleHome ? 20 : 1;
    const items: ListItem[] = HEADLINES.map((title, k) => {
      const date = b.daysAgo(base + 3 * k);
      return { title, date, href: trsArticlePath(DIR, date, b.nextId()) };
    });
    const loopA = '/xwzx/jtdt/old/loop_a.html';
    b.addRedirect(loopA, '/xwzx/jtdt/old/loop_b.html', 302);
    b.addRedirect('/xwzx/jtdt/old/loop_b.html', loopA, 302);

    items.forEach((item, k) => {
      const paragraphs = [
        `${item.date.slice(0, 4)}年${Number(item.date.slice(5, 7))}月${Number(item.date.slice(8, 10))}日，${item.title.replace(/召开$/, '')}。会议传达学习了交通运输部和省委、省政府有关部署要求，总结工作，分析形势，安排部署下一阶段重点任务。`,
        '会议强调，要坚持以人民为中心的发展思想，统筹发展和安全，扎实推进交通运输高质量发展，为全面建设社会主义现代化新吉林当好先行。',
      ];
      let meta = articleMeta(NAME, item.title, item.date);
      const related: { label: string; text: string; href: string }[] = [];
      if (k === 2) {
        paragraphs.push('会议要求，全体干部职工要深入学习贯彻《中华人名共和国安全生产法》，压实安全生产责任。');
        b.expect({
          rule: 'content/serious-error',
          path: item.href,
          note: '交通动态 article body writes 中华人名共和国 (built-in dictionary: 中华人民共和国).',
        });
      }
      if (k === 4) {
        paragraphs.push(
          `咨询电话：${MOBILES.landline}；如需预约现场咨询，请联系${MOBILES.masked}（工作日）。本次活动登记流水号：${MOBILES.longRun}。`,
        );
        b.decoy({ rule: 'privacy/mobile', path: item.href, note: `landline ${MOBILES.landline}, masked ${MOBILES.masked}, and a mobile-like run inside the 22-digit serial ${MOBILES.longRun}.` });
        b.decoy({ rule: 'disclosure/attribute-missing', path: item.href, note: 'A news article (no disclosure table, no 文号) is not a document page.' });
      }
      if (k === 6) {
        meta = { ...meta, SiteIDCode: '2200000021' };
        b.expect({
          rule: 'meta/missing',
          path: item.href,
          note: 'meta SiteIDCode 2200000021 differs from the footer 网站标识码 2200000012 (all meta tags present).',
        });
      }
      if (k === 1) {
        related.push({ label: '相关链接', text: '往期报道', href: loopA });
        b.expect({
          rule: 'link/broken',
          path: item.href,
          target: loopA,
          note: 'a → b → a 302 loop; evidence.status is a network-style code (REDIRECT_LOOP or TOO_MANY_REDIRECTS).',
        });
      }
      addArticlePage(b, {
        path: item.href,
        column: NAME,
        columnHref: `${DIR}index.html`,
        title: item.title,
        date: item.date,
        source: '吉林省交通运输厅',
        paragraphs,
        related,
        meta,
      });
    });

    const pages = addColumnPages(b, { name: NAME, dir: DIR, items, markup: 'ul', perPage: 10, pager: 'script' });
    b.registerColumn({ name: NAME, path: pages[0], inHub: false });
    b.share('news', items);
    if (b.staleHome)
      b.expect({ rule: 'column/stale', path: pages[0], note: 'staleHome variant: newest 交通动态 entry is 20 days old (> 14).' });
    else b.decoy({ rule: 'column/stale', path: pages[0], note: 'newest 交通动态 entry is 1 day old; entries continue on index_1/index_2 (createPageHTML only).' });
  },
};
