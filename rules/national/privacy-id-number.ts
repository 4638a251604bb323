import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { findIdNumbers, mayContainIdNumber } from '../text/id-number.js';
import { maskIdNumber } from '../text/mask.js';
import { reportPrivacyHits, scanPrivacy } from './privacy-scan.js';

export const privacyIdNumber = defineRule({
  meta: {
    id: 'privacy/id-number',
    scope: 'page',
    severity: 'critical',
    tags: ['privacy', 'national'],
    docs: {
      title: '泄露公民身份号码',
      description:
        '页面正文及附件（xlsx/xls/docx/pdf/csv/txt）中出现未遮盖的18位公民身份号码（符合 GB 11643 校验码且出生日期合理）。已遮盖号码、校验不通过的18位数字、索引号中的统一社会信用代码不计。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）；《中华人民共和国个人信息保护法》',
      fix: '立即撤下或替换页面/附件，将身份证号码按“220102********1234”形式遮盖后重新发布，并排查同类信息。',
    },
    messages: {
      page: '页面公开了未遮盖的公民身份号码 {masked}，请立即撤下或将号码遮盖（如 220102********1234）后重新发布',
      attachment: '附件中含有未遮盖的公民身份号码 {masked}，请替换该附件，将号码遮盖（如 220102********1234）后重新上传',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室'],
  },
  check(ctx) {
    reportPrivacyHits(ctx, scanPrivacy(ctx.page, (text) => findIdNumbers(text, ctx.asOf), maskIdNumber, mayContainIdNumber));
  },
});
