// Where each rule comes from in the department's 2022 要点 (shared/seed) and which office that item names.
// Owners follow the item's lead office; config `owners` (site.owners) overrides them per column.

export const SOURCE_DOC = '《吉林省交通运输厅2022年政务公开工作要点》';

export function sourceOf(item: string): string {
  return `${SOURCE_DOC}第（${item}）项`;
}

/** Column the 要点 requires → the item that requires it and that item's lead office. */
export const REQUIRED_COLUMNS: readonly { column: string; item: string; owner: string }[] = [
  { column: '政策文件', item: '一', owner: '综规处' },
  { column: '政策解读', item: '十一', owner: '办公室' },
  { column: '规范性文件', item: '七', owner: '法规处' },
  { column: '财政预决算', item: '六', owner: '财务处' },
  { column: '政府采购', item: '六', owner: '财务处' },
  { column: '采购意向', item: '六', owner: '财务处' },
  { column: '采购文件', item: '六', owner: '财务处' },
  { column: '采购结果', item: '六', owner: '财务处' },
  { column: '采购合同', item: '六', owner: '财务处' },
  { column: '重大建设项目', item: '一', owner: '综规处' },
  { column: '双随机一公开', item: '四', owner: '法规处' },
  { column: '权责清单', item: '八', owner: '办公室' },
  { column: '政务服务"好差评"', item: '十', owner: '审批办' },
  { column: '依申请公开', item: '十三', owner: '办公室' },
  { column: '政务新媒体', item: '十四', owner: '办公室' },
];

/** A column name for a message inside “…”: inner ASCII quotes become ‘…’ (政务服务"好差评" → 政务服务‘好差评’). */
export function displayName(name: string): string {
  return name.replace(/["“]([^"”]*)["”]/g, '‘$1’');
}
