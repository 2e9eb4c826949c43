// The end of a lookback that ends "now" (`days=7` without `to`), shared by the requests for the same
// thing within a few seconds. Answers are cached by their exact range, so two requests for the last
// 7 days a second apart were two keys and two whole loads (a Compare costs hundreds of DynamoDB
// reads): the page's first screen (first-screen/) starts the load as the HTML is asked for, and the
// app's own request for the same comparison, a second later, must find that load, not start another.
// Within the window a request's "now" is the first one's: its range ends up to `windowMs` ago, no
// older than the answer cache may hand out an answer (its TTL and the grace in which it answers with
// the previous value while it refreshes).

export class RecentAnchors {
  private readonly anchors = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 200,
  ) {}

  /** The instant a lookback named `key` ends at: the last one given within the window, else `nowMs`. */
  anchor(key: string, nowMs: number): number {
    const last = this.anchors.get(key);
    if (last !== undefined && nowMs - last >= 0 && nowMs - last < this.windowMs) return last;
    if (this.anchors.size >= this.maxEntries) {
      for (const [k, at] of this.anchors) if (nowMs - at >= this.windowMs) this.anchors.delete(k);
      if (this.anchors.size >= this.maxEntries) this.anchors.clear();
    }
    this.anchors.set(key, nowMs);
    return nowMs;
  }
}
