// The section registry. Order matters: content sections first, then the sections that render what others
// registered (政策解读 list, 政府信息公开 hub, home page). Add a new section by importing it into this list.
import { assetsSection } from './assets.js';
import { newsSection } from './news.js';
import { policySection } from './policy.js';
import { normativeSection } from './normative.js';
import { interpretationsSection } from './documents.js';
import { noticesSection } from './notices.js';
import { personnelSection } from './personnel.js';
import { financeSection } from './finance.js';
import { procurementSection } from './procurement.js';
import { goodBadSection } from './goodbad.js';
import { miscColumnsSection } from './misc-columns.js';
import { newMediaSection } from './newmedia.js';
import { annualReportSection, guideSection, hubSection } from './disclosure-hub.js';
import { homeSection } from './home.js';
import type { DemoSection } from './types.js';

export type { DemoSection } from './types.js';

/** Sections that add content and register columns. */
export const contentSections: DemoSection[] = [
  assetsSection,
  newsSection,
  policySection,
  normativeSection,
  noticesSection,
  personnelSection,
  financeSection,
  procurementSection,
  goodBadSection,
  miscColumnsSection,
  // After misc-columns, whose 政务新媒体 page lists the accounts; feeds and posts go to the external host.
  newMediaSection,
  guideSection,
  annualReportSection,
];

/** Sections that render from what the content sections registered; they run last, in this order. */
export const renderSections: DemoSection[] = [interpretationsSection, hubSection, homeSection];

export const sections: DemoSection[] = [...contentSections, ...renderSections];
