import { SlotGate } from './slot-gate';

describe('SlotGate', () => {
  it('grants up to the cap at once, queues up to the queue length, refuses the rest', async () => {
    const gate = new SlotGate(2, 1);
    const first = gate.enter();
    const second = gate.enter();
    const third = gate.enter();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    expect(third).not.toBeNull();
    expect(gate.enter()).toBeNull();
    expect([gate.running, gate.queued]).toEqual([2, 1]);

    let thirdGranted = false;
    void third?.then(() => (thirdGranted = true));
    const releaseFirst = await (first as Promise<() => void>);
    await Promise.resolve();
    expect(thirdGranted).toBe(false);
    releaseFirst();
    await third;
    expect(thirdGranted).toBe(true);
    // The freed slot went to the one waiting: still two running, nobody queued, room for one to wait.
    expect([gate.running, gate.queued]).toEqual([2, 0]);
    expect(gate.enter()).not.toBeNull();
  });

  it('serves the queue in arrival order and counts a double release once', async () => {
    const gate = new SlotGate(1, 3);
    const release = await (gate.enter() as Promise<() => void>);
    const order: string[] = [];
    const waiters = ['a', 'b', 'c'].map((name) => (gate.enter() as Promise<() => void>).then((done) => (order.push(name), done)));
    release();
    release();
    expect([gate.running, gate.queued]).toEqual([1, 2]);
    for (const waiter of waiters) (await waiter)();
    expect(order).toEqual(['a', 'b', 'c']);
    expect([gate.running, gate.queued]).toEqual([0, 0]);
  });

  it('refuses a queue of none once the slots are taken', () => {
    const gate = new SlotGate(1, 0);
    expect(gate.enter()).not.toBeNull();
    expect(gate.enter()).toBeNull();
    expect(() => new SlotGate(0, 1)).toThrow(RangeError);
  });
});
