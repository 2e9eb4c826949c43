// Seeded, serialisable PRNG (mulberry32). The state is a plain object so a simulation can be
// handed from the history generator to the live loop (structuredClone) and resume exactly.

export interface PrngState {
  s: number;
}

/** 32-bit FNV-1a over a string: turns (seed, env, label) into independent stream seeds. */
export function hashSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  const text = parts.join('|');
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // One avalanche round so that seeds differing in the last character still diverge at once.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

export function newPrngState(...parts: (string | number)[]): PrngState {
  return { s: hashSeed(...parts) };
}

/** Thin methods over a PrngState; the state object is mutated in place. */
export class Rng {
  constructor(readonly state: PrngState) {}

  /** Uniform in [0, 1). */
  float(): number {
    let t = (this.state.s = (this.state.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.float();
  }

  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** Standard normal (Box–Muller; one value per call keeps the state a single number). */
  normal(): number {
    const u = 1 - this.float();
    const v = this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  logNormal(mu: number, sigma: number): number {
    return Math.exp(mu + sigma * this.normal());
  }

  /** Poisson count (Knuth); only used with small means. */
  poisson(mean: number): number {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.float();
    while (p > limit && k < 50) {
      k++;
      p *= this.float();
    }
    return k;
  }

  hex(chars: number): string {
    let out = '';
    while (out.length < chars)
      out += Math.floor(this.float() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    return out.slice(0, chars);
  }

  /** A v4-shaped UUID, like Kalshi's order and trade ids. */
  uuid(): string {
    const h = this.hex(32);
    const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}
