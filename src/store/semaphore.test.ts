// The per-table limiter's two lanes (issue 18): urgent requests (a run walk's dependent reads) take
// freed slots before waiting bulk reads, and bulk reads never hold more than their share.
import { describe, expect, it } from 'vitest';
import { Semaphore } from './client.js';

const tick = () => new Promise((r) => setImmediate(r));

describe('Semaphore lanes', () => {
  it('bulk reads stop at their share; an urgent read still gets a slot at once', async () => {
    const s = new Semaphore(3, 2);
    const b1 = await s.acquire(false);
    await s.acquire(false);
    let b3 = false;
    void s.acquire(false).then(() => (b3 = true));
    await tick();
    expect(b3).toBe(false); // 2 bulk in flight = the bulk share, though a slot is free
    let u1 = false;
    void s.acquire(true).then(() => (u1 = true));
    await tick();
    expect(u1).toBe(true); // the third slot, kept for the urgent lane
    b1();
    await tick();
    expect(b3).toBe(true); // a bulk slot freed ⇒ the waiting bulk read goes
  });

  it('a freed slot goes to the waiting urgent read before an earlier-waiting bulk read', async () => {
    const s = new Semaphore(2, 2);
    const r1 = await s.acquire(false);
    const r2 = await s.acquire(false);
    const order: string[] = [];
    void s.acquire(false).then(() => order.push('bulk'));
    void s.acquire(true).then(() => order.push('urgent'));
    await tick();
    expect(order).toEqual([]);
    r1();
    await tick();
    expect(order).toEqual(['urgent']);
    r2();
    await tick();
    expect(order).toEqual(['urgent', 'bulk']);
  });

  it('never more than the limit in flight, whatever the mix', async () => {
    const s = new Semaphore(4, 3);
    let inFlight = 0;
    let most = 0;
    const job = async (urgent: boolean) => {
      const release = await s.acquire(urgent);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      release();
    };
    await Promise.all(Array.from({ length: 40 }, (_, i) => job(i % 3 === 0)));
    expect(most).toBe(4);
    expect(inFlight).toBe(0);
  });
});
