// The synthetic personal numbers planted in pages and attachments, in one place so ground truth and content agree.
import { failingId, validId } from '../identity.js';

export const IDS = {
  /** 人事信息 UTF-8 公示 page (privacy/id-number). */
  personnelPage: validId('220102', '19880716', '023'),
  /** 人事信息 GBK twin page (privacy/id-number). */
  personnelGbkPage: validId('220104', '19910203', '046'),
  /** xlsx attachment (privacy/id-number on the attachment url). */
  xlsx: validId('220106', '19870925', '031'),
  /** Decoys. */
  masked: '220102********1234',
  failing: failingId('220102', '19900511', '018'),
  failingGbk: failingId('220103', '19850101', '052'),
};

export const MOBILES = {
  personnelPage: '13943125678',
  gbkNotice: '18643107755',
  docx: '13504318899',
  pdf: '15981002233',
  txt: '17743109876',
  /** Decoys. */
  masked: '138****1234',
  /** A serial number that contains a mobile-like run inside a longer digit run. */
  longRun: '2022031513904311234567',
  landline: '0431-88905678',
};
