// The link graph's edges grouped by the state of their target's outcome, in graph order: link/broken and
// link/unverified each want one state, and one pass over every edge (≈30 a page) serves both.
import type { LinkEdge, LinkOutcome, SiteModel } from '../site-model.js';

export interface EdgeWithOutcome {
  edge: LinkEdge;
  outcome: LinkOutcome;
}

type GroupedState = 'broken' | 'unverified';

const BY_STATE = new WeakMap<SiteModel, Map<GroupedState, EdgeWithOutcome[]>>();

export function edgesWithState(site: SiteModel, state: GroupedState): EdgeWithOutcome[] {
  let byState = BY_STATE.get(site);
  if (!byState) {
    byState = new Map();
    // One edge at a time where the model can: only the few with a broken or unverified target are kept.
    for (const edge of site.eachLink?.() ?? site.links) {
      const outcome = site.outcomes.get(edge.to);
      if (!outcome || (outcome.state !== 'broken' && outcome.state !== 'unverified')) continue;
      let list = byState.get(outcome.state);
      if (!list) byState.set(outcome.state, (list = []));
      list.push({ edge, outcome });
    }
    BY_STATE.set(site, byState);
  }
  return byState.get(state) ?? [];
}
