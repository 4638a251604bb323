// 财政预决算: legacy table markup, fresh for its 365-day class. Attachments: an exceljs budget xlsx, a pdf, a
// csv with a Chinese file name (decoys only) and a pdf that does not exist (link/broken).
import type { SiteBuilder } from '../site-builder.js';
import type { ListItem } from '../templates/lists.js';
import { indexNo, trsArticlePath, trsFilePath } from '../templates/paths.js';
import { budgetXlsx } from '../attachments/xlsx.js';
import { makePdf } from '../attachments/pdf.js';
import { MOBILES } from '../attachments/people.js';
import { addArticlePage, addColumnPages, HUB_CRUMB } from './helpers.js';
import type { DemoSection } from './types.js';

const DIR = '/zwgk/czyjs/';
const NAME = '财政预决算';

export const financeSection: DemoSection = {
  name: 'finance',
  build(b: SiteBuilder) {
    const items: ListItem[] = [];
    const common = { column: NAME, columnHref: `${DIR}index.html`, parents: [HUB_CRUMB], source: '吉林省交通运输厅财务处' };
    const disclosure = (date: string) => ({
      fields: { indexNo: indexNo(date, 600 + b.count('cz-index')), publisher: '吉林省交通运输厅', writtenDate: date, publishDate: date, openness: '主动公开' },
      variant: 'div-spaced' as const,
    });
    const y = b.asOfYear;

    const d1 = b.daysAgo(100);
    const p1 = trsArticlePath(DIR, d1, b.nextId());
    const xlsx = trsFilePath(DIR, d1, b.nextId(), 'xlsx');
    const csv = `${DIR}${d1.slice(0, 4)}/三公经费预算表.csv`;
    b.addFile(xlsx, budgetXlsx, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    b.addFile(
      csv,
      `\uFEFF项目,预算数（万元）,联系人,联系电话\n因公出国（境）费,12.5,财务处,${MOBILES.landline}\n公务接待费,8.3,财务处,${MOBILES.masked}\n`,
      'text/csv; charset=utf-8',
    );
    items.push({ title: `吉林省交通运输厅${y}年部门预算公开`, href: p1, date: d1 });
    addArticlePage(b, {
      ...common,
      path: p1,
      title: items[0].title,
      date: d1,
      paragraphs: [`按照预算公开有关要求，现将吉林省交通运输厅${y}年部门预算予以公开。`],
      attachments: [
        { text: '部门预算公开表.xlsx', href: xlsx },
        { text: '三公经费预算表.csv', href: csv },
      ],
      disclosure: disclosure(d1),
    });
    b.decoy({ rule: 'privacy/mobile', path: csv, note: 'csv attachment holds only a landline and a masked mobile.' });
    b.decoy({ rule: 'link/broken', path: p1, target: csv, note: 'attachment with a Chinese file name (percent-encoded in requests) exists.' });

    const d2 = b.daysAgo(200);
    const p2 = trsArticlePath(DIR, d2, b.nextId());
    const pdf = trsFilePath(DIR, d2, b.nextId(), 'pdf');
    const missingPdf = trsFilePath(DIR, d2, b.nextId(), 'pdf');
    b.addFile(pdf, makePdf([`吉林省交通运输厅${y - 1}年部门决算说明`, '一、部门基本情况', `联系电话：${MOBILES.landline}`]), 'application/pdf');
    items.push({ title: `吉林省交通运输厅${y - 1}年部门决算公开`, href: p2, date: d2 });
    addArticlePage(b, {
      ...common,
      path: p2,
      title: items[1].title,
      date: d2,
      paragraphs: [`现将吉林省交通运输厅${y - 1}年部门决算予以公开。`],
      attachments: [
        { text: '部门决算说明.pdf', href: pdf },
        { text: '部门决算公开表.pdf', href: missingPdf },
      ],
      disclosure: disclosure(d2),
    });
    b.expect({ rule: 'link/broken', path: p2, target: missingPdf, evidence: { status: 404 }, note: 'attachment link to a pdf that does not exist (404).' });

    const d3 = b.daysAgo(300);
    const p3 = trsArticlePath(DIR, d3, b.nextId());
    items.push({ title: `吉林省交通运输厅${y - 1}年部门预算公开`, href: p3, date: d3 });
    addArticlePage(b, { ...common, path: p3, title: items[2].title, date: d3, paragraphs: [`现将吉林省交通运输厅${y - 1}年部门预算予以公开。`], disclosure: disclosure(d3) });

    const pages = addColumnPages(b, { name: NAME, dir: DIR, items, markup: 'table', parents: [HUB_CRUMB] });
    b.registerColumn({ name: NAME, path: pages[0], inHub: true });
    b.decoy({ rule: 'column/stale', path: pages[0], note: 'newest 财政预决算 entry is 100 days old (< 365).' });
  },
};
