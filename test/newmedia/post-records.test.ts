import { describe, expect, it } from 'vitest';
import { postToRecord } from '../../crawler/newmedia/post-records.js';
import type { NewMediaAccount } from '../../rules/site-model.js';

const account: NewMediaAccount = { name: '吉林交通', platform: 'wechat', feed: 'http://127.0.0.1:9001/feed.xml', configured: true, posts: [] };

describe('postToRecord', () => {
  it('marks post links internal only when host and port are the site’s, and flags attachments', () => {
    const record = postToRecord(
      account,
      {
        title: '通知',
        url: 'http://127.0.0.1:9001/p/1.html',
        text: '正文',
        links: ['http://127.0.0.1:8080/zwgk/a.html', 'http://127.0.0.1:9001/files/表.xlsx', 'http://127.0.0.1:8080/files/b.pdf'],
      },
      0,
      'http://127.0.0.1:8080/',
    );
    expect(record.kind).toBe('post');
    expect(record.links.map((l) => [l.internal, l.attachment])).toEqual([
      [true, false],
      [false, true],
      [true, true],
    ]);
  });
});
