// A section adds one concern of the site (pages + ground truth) to the builder.
import type { SiteBuilder } from '../site-builder.js';

export interface DemoSection {
  name: string;
  build(b: SiteBuilder): void;
}
