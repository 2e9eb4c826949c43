// Constant-time comparison of secrets.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function safeEqual(a: string, b: string): boolean {
  // Hash both sides first so the comparison time does not depend on where they differ or their length.
  const x = createHmac('sha256', 'dora-compare').update(a).digest();
  const y = createHmac('sha256', 'dora-compare').update(b).digest();
  return timingSafeEqual(x, y);
}
