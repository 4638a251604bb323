// The audit's full collections at phase boundaries run only when the heap in use is large enough to be worth it.
import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../crawler/collect-garbage.js';

// A WeakRef's target stays alive until the end of the job that created or read it: wait a turn before collecting.
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('collectGarbage', () => {
  it('collects when asked unconditionally or when the heap is over the threshold, and not below it', async () => {
    const ref = new WeakRef({ rows: Array.from({ length: 1000 }, (_, i) => `行 ${i}`) });
    await nextTurn();
    collectGarbage({ ifHeapOver: Number.MAX_SAFE_INTEGER });
    await nextTurn();
    expect(ref.deref()).toBeDefined();
    await nextTurn();
    collectGarbage({ ifHeapOver: 0 });
    expect(ref.deref()).toBeUndefined();

    const again = new WeakRef({ rows: [1, 2, 3] });
    await nextTurn();
    collectGarbage();
    expect(again.deref()).toBeUndefined();
  });
});
