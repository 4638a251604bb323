// Document pages (政策文件 and 规范性文件) with their disclosure table and interpretation (政策解读) pages. The
// interpretation pages are collected here and rendered as the 政策解读 column by interpretationsSection.
import type { GbkDeclaration, SiteBuilder } from '../site-builder.js';
import { addDays, workingDaysBetween, zhDate } from '../dates.js';
import type { DisclosureVariant } from '../templates/disclosure.js';
import type { ListItem } from '../templates/lists.js';
import { indexNo, trsArticlePath } from '../templates/paths.js';
import type { ArticleLink } from '../templates/article.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

export const INTERP_DIR = '/zwgk/zcjd/';
export const INTERP_NAME = '政策解读';

export type InterpMode = 'both' | 'none' | 'from-interpretation-only' | 'broken';

export interface DocumentSpec {
  column: string;
  dir: string;
  title: string;
  date: string;
  docNo: string;
  validity?: string;
  validUntil?: string;
  /** undefined plants disclosure/attribute-missing. */
  openness?: string;
  variant: DisclosureVariant;
  interp: InterpMode;
  /** Calendar days from the document to its interpretation. */
  interpDelay?: number;
  dropMeta?: string[];
  gbk?: GbkDeclaration;
  banner?: string;
  paragraphs?: string[];
  indexKind?: 'credit' | 'org';
}

export interface DocumentRef extends ListItem {
  docNo: string;
  spec: DocumentSpec;
  interpretation?: string;
}

interface Interpretation extends ListItem {
  docPath: string;
}

function interpretations(b: SiteBuilder): Interpretation[] {
  try {
    return b.read<Interpretation[]>('interpretations');
  } catch {
    const list: Interpretation[] = [];
    b.share('interpretations', list);
    return list;
  }
}

export function addDocument(b: SiteBuilder, s: DocumentSpec): DocumentRef {
  const path = trsArticlePath(s.dir, s.date, b.nextId());
  const ref: DocumentRef = { title: s.title, href: path, date: s.date, extra: s.docNo, docNo: s.docNo, spec: s };
  const related: ArticleLink[] = [];
  if (s.interp !== 'none') {
    const iDate = addDays(s.date, s.interpDelay ?? 0);
    const iTitle = `《${s.title.replace(/^吉林省交通运输厅/, '')}》政策解读`;
    const iPath = s.interp === 'broken' ? trsArticlePath(INTERP_DIR, iDate, 9_000_000 + b.nextId()) : trsArticlePath(INTERP_DIR, iDate, b.nextId());
    if (s.interp !== 'from-interpretation-only') related.push({ label: '相关解读', text: iTitle, href: iPath });
    if (s.interp !== 'broken') {
      ref.interpretation = iPath;
      interpretations(b).push({ title: iTitle, href: iPath, date: iDate, docPath: path });
      addArticlePage(b, {
        path: iPath,
        column: INTERP_NAME,
        columnHref: `${INTERP_DIR}index.html`,
        parents: [HUB_CRUMB],
        title: iTitle,
        date: iDate,
        source: s.column === '规范性文件' ? '吉林省交通运输厅法规处' : '吉林省交通运输厅办公室',
        paragraphs: [
          `一、制定背景。为贯彻落实交通运输部和省委、省政府有关部署，${s.title.replace(/^吉林省交通运输厅/, '')}（${s.docNo}）已正式印发。`,
          '二、主要内容。文件明确了工作目标、重点任务和保障措施，对相关单位的职责分工作出了具体规定。',
          '三、解读机关及联系方式。解读机关：吉林省交通运输厅；联系电话：0431-88906543。',
        ],
        disclosure: {
          fields: { indexNo: indexNo(iDate, 500 + b.count('interp-index')), publisher: '吉林省交通运输厅', writtenDate: iDate, publishDate: iDate, openness: '主动公开' },
          variant: 'trs-table',
        },
        related: [{ label: b.count('interp-back') % 2 ? '原文链接' : '相关文件', text: s.title, href: path }],
      });
    } else {
      b.expect({
        rule: 'link/broken',
        path,
        target: iPath,
        evidence: { status: 404 },
        note: `相关解读 link of a ${s.column} document points at an interpretation page that does not exist (404).`,
      });
    }
  }
  addArticlePage(b, {
    path,
    column: s.column,
    columnHref: `${s.dir}index.html`,
    parents: [HUB_CRUMB],
    title: s.title,
    date: s.date,
    source: '吉林省交通运输厅',
    dropMeta: s.dropMeta,
    gbk: s.gbk,
    banner: s.banner,
    paragraphs: s.paragraphs ?? [
      '各市（州）交通运输局，长白山管委会交通运输局，梅河口市交通运输局，厅直属各单位：',
      `现将有关事项通知如下，请结合实际认真贯彻落实。`,
      '一、提高思想认识。各单位要充分认识做好此项工作的重要意义，切实加强组织领导，明确责任分工。',
      '二、抓好工作落实。要细化工作措施，建立工作台账，确保各项任务按时完成。',
      `吉林省交通运输厅　${zhDate(s.date)}`,
    ],
    related,
    disclosure: {
      fields: {
        indexNo: indexNo(s.date, 100 + b.count('doc-index'), s.indexKind ?? 'credit'),
        publisher: '吉林省交通运输厅',
        writtenDate: addDays(s.date, -3),
        publishDate: s.date,
        docNo: s.docNo,
        topic: '交通运输',
        validity: s.validity,
        validUntil: s.validUntil,
        openness: s.openness,
      },
      variant: s.variant,
    },
  });
  if (s.dropMeta?.length)
    b.expect({ rule: 'meta/missing', path, evidence: { missing: s.dropMeta }, note: `${s.column} document page without meta ${s.dropMeta.join(', ')}.` });
  if (s.openness === undefined)
    b.expect({ rule: 'disclosure/attribute-missing', path, note: `${s.column} document whose disclosure table has no 公开方式/公开属性 row and whose text states none.` });
  if (s.interp === 'none' || s.interp === 'broken')
    b.expect({
      rule: 'policy/interpretation-missing',
      path,
      note: s.interp === 'none' ? `${s.column} document with no interpretation in either direction${s.gbk ? ' (GBK page)' : ''}.` : `${s.column} document whose only 相关解读 link is broken (404): does not count.`,
    });
  if (s.interp === 'both' || s.interp === 'from-interpretation-only') {
    const days = workingDaysBetween(s.date, addDays(s.date, s.interpDelay ?? 0));
    if (days > 3)
      b.expect({ rule: 'policy/interpretation-late', path, note: `interpretation ${ref.interpretation} published ${s.interpDelay} calendar / ${days} working days after the document (> 3).` });
    else if ((s.interpDelay ?? 0) > 3)
      b.decoy({ rule: 'policy/interpretation-late', path, note: `interpretation published ${s.interpDelay} calendar days but only ${days} working days later (weekend in between).` });
  }
  if (s.interp === 'from-interpretation-only')
    b.decoy({ rule: 'policy/interpretation-missing', path, note: `document page has no 解读 link; the interpretation ${ref.interpretation} links back to it as 原文/相关文件.` });
  return ref;
}

/** Renders the 政策解读 column from every interpretation added so far (run after the document sections). */
export const interpretationsSection: DemoSection = {
  name: 'interpretations',
  build(b) {
    const list = interpretations(b);
    const pages = addColumnPages(b, { name: INTERP_NAME, dir: INTERP_DIR, items: list, markup: 'cards', parents: [HUB_CRUMB], perPage: 30 });
    b.registerColumn({ name: INTERP_NAME, path: pages[0], inHub: true });
  },
};
