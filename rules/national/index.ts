// The `national` pack: indicators of 国办秘函〔2019〕19号, 国办发〔2017〕47号 and the 2019 政府信息公开条例.
import { definePack } from '../define-rule.js';
import { columnEmpty } from './column-empty.js';
import { columnMissing } from './column-missing.js';
import { columnStale } from './column-stale.js';
import { contentSeriousError } from './content-serious-error.js';
import { crawlTrap } from './crawl-trap.js';
import { disclosureAnnualReportMissing } from './disclosure-annual-report-missing.js';
import { documentRepealUnmarked } from './document-repeal-unmarked.js';
import { homepageNotUpdated } from './homepage-not-updated.js';
import { linkBroken } from './link-broken.js';
import { linkUnverified } from './link-unverified.js';
import { metaMissing } from './meta-missing.js';
import { newmediaDuplicate } from './newmedia-duplicate.js';
import { newmediaStale } from './newmedia-stale.js';
import { newmediaUnlisted } from './newmedia-unlisted.js';
import { newmediaUnreachable } from './newmedia-unreachable.js';
import { pageOversized } from './page-oversized.js';
import { privacyIdNumber } from './privacy-id-number.js';
import { privacyMobile } from './privacy-mobile.js';

export {
  columnEmpty,
  columnMissing,
  columnStale,
  contentSeriousError,
  crawlTrap,
  disclosureAnnualReportMissing,
  documentRepealUnmarked,
  homepageNotUpdated,
  linkBroken,
  linkUnverified,
  metaMissing,
  newmediaDuplicate,
  newmediaStale,
  newmediaUnlisted,
  newmediaUnreachable,
  pageOversized,
  privacyIdNumber,
  privacyMobile,
};

export const nationalPack = definePack({
  name: 'national',
  title: '全国政府网站检查指标',
  rules: {
    'column/missing': columnMissing,
    'column/empty': columnEmpty,
    'column/stale': columnStale,
    'homepage/not-updated': homepageNotUpdated,
    'meta/missing': metaMissing,
    'privacy/id-number': privacyIdNumber,
    'privacy/mobile': privacyMobile,
    'content/serious-error': contentSeriousError,
    'disclosure/annual-report-missing': disclosureAnnualReportMissing,
    'document/repeal-unmarked': documentRepealUnmarked,
    'link/broken': linkBroken,
    'link/unverified': linkUnverified,
    'newmedia/stale': newmediaStale,
    'newmedia/unreachable': newmediaUnreachable,
    'newmedia/unlisted': newmediaUnlisted,
    'newmedia/duplicate': newmediaDuplicate,
    'page/oversized': pageOversized,
    'crawl/trap': crawlTrap,
  },
});
