import { z } from 'zod';
import { defineRule } from '../define-rule.js';
import { findMobiles, mayContainMobile } from '../text/mobile.js';
import { maskMobile } from '../text/mask.js';
import { reportPrivacyHits, scanPrivacy } from './privacy-scan.js';

export const privacyMobile = defineRule({
  meta: {
    id: 'privacy/mobile',
    scope: 'page',
    severity: 'serious',
    tags: ['privacy', 'national'],
    docs: {
      title: '泄露个人手机号码',
      description:
        '页面正文及附件中出现未遮盖的11位手机号码（1[3-9] 开头，且不在更长的数字串中）。已遮盖号码（如 138****1234）和固定电话不计。',
      source: '《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）；《中华人民共和国个人信息保护法》',
      fix: '撤下或替换页面/附件，将手机号码按“138****1234”形式遮盖；公开联系方式请使用办公固定电话。',
    },
    messages: {
      page: '页面公开了未遮盖的手机号码 {masked}，请将号码遮盖（如 138****1234）或改用办公电话',
      attachment: '附件中含有未遮盖的手机号码 {masked}，请替换该附件，将号码遮盖（如 138****1234）后重新上传',
    },
    options: z.object({}).strict().default({}),
    owner: ['办公室'],
  },
  check(ctx) {
    reportPrivacyHits(ctx, scanPrivacy(ctx.page, findMobiles, maskMobile, mayContainMobile));
  },
});
