// xlsx attachments built with exceljs. exceljs writes asynchronously, so the workbooks are built once when this
// module loads (top-level await) and buildDemoSite stays synchronous. Their cells do not depend on the as-of date.
import ExcelJS from 'exceljs';
import { IDS } from './people.js';

async function workbook(sheetName: string, rows: (string | number)[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '吉林省交通运输厅';
  wb.created = new Date('2022-01-01T00:00:00Z');
  wb.modified = new Date('2022-01-01T00:00:00Z');
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  // ID numbers are stored as text, as sites do to keep all 18 digits.
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** 拟聘用人员名单: one unmasked valid ID (privacy/id-number), one masked, one failing the checksum. */
export const personnelXlsx: Uint8Array = await workbook('拟聘用人员名单', [
  ['序号', '姓名', '性别', '身份证号', '报考岗位', '备注'],
  [1, '赵某某', '男', IDS.xlsx, '公路养护技术岗', ''],
  [2, '钱某某', '女', IDS.masked, '财务管理岗', '已脱敏'],
  [3, '孙某某', '男', IDS.failing, '综合管理岗', '档案编号'],
]);

/** 部门预算表: figures only, no personal data. */
export const budgetXlsx: Uint8Array = await workbook('收支总表', [
  ['项目', '预算数（万元）'],
  ['一般公共预算拨款收入', 152345.67],
  ['政府性基金预算拨款收入', 83210.5],
  ['支出合计', 235556.17],
]);
