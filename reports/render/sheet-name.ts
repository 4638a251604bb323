// Excel sheet names: ≤ 31 characters, none of []:*?/\, not starting/ending with ', unique (case-insensitive).
export function sheetName(raw: string, taken: Set<string>): string {
  let base = raw.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || '工作表';
  base = Array.from(base).slice(0, 31).join('');
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = Array.from(base).slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}
