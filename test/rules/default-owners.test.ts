// The built-in owner map follows the responsibility lines of the seed 要点, item by item.
import { describe, expect, it } from 'vitest';
import { DEFAULT_OWNERS, mergeOwners, ownerForColumn } from '../../rules/engine/default-owners.js';

describe('default owners from the 2022 要点', () => {
  it.each([
    ['规范性文件', '法规处'], // (七) 法规处牵头
    ['双随机一公开', '法规处'], // (四) 随机抽查 法规处
    ['权责清单', '办公室'], // (八) 办公室牵头
    ['财政预决算', '财务处'], // (六)
    ['政府采购', '财务处'], // (六)
    ['政务服务"好差评"', '审批办'], // (十)
    ['重大建设项目', '综规处'], // (一)
    ['依申请公开', '办公室'], // (十三)
    ['政务新媒体', '办公室'], // (十四)
  ])('%s → %s', (column, office) => {
    expect(ownerForColumn({ ...DEFAULT_OWNERS }, column)).toBe(office);
  });

  it('maps unmapped labels by keyword and lets the config win', () => {
    expect(ownerForColumn({}, '部门权责清单公示')).toBe('办公室');
    expect(ownerForColumn({}, '随机抽查结果')).toBe('法规处');
    expect(ownerForColumn({}, '采购结果公告')).toBe('财务处');
    expect(ownerForColumn(mergeOwners({ 权责清单: '法规处' }), '权责清单')).toBe('法规处');
  });
});
