// Who a request comes from, for the per-client limits (failed sign-ins, live streams, exports). The
// address is Fastify's req.ip, which honours --trust-proxy; a proxy header can still carry junk in
// the position a trusted proxy vouches for, so anything that is not an IP falls back to the socket's
// peer. IPv6 clients are counted per /64 — one host usually holds a whole /64, and counting single
// addresses would let it rotate through 2^64 of them.
import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/** The IPv6 address's first four groups (its /64), expanded and lower-cased. */
function ipv6Prefix64(ip: string): string {
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') && tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  const groups = (g: string[]) => g.reduce((n, x) => n + (x.includes('.') ? 2 : 1), 0);
  const fill = ip.includes('::') ? Array<string>(8 - groups(left) - groups(right)).fill('0') : [];
  return [...left, ...fill, ...right]
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':');
}

/** A short, valid key for the client's address: IPv4 as is, IPv6 by its /64. */
export function addressKey(ip: string | undefined): string | null {
  if (!ip) return null;
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  if (v4 && isIP(v4) === 4) return v4;
  const family = isIP(ip);
  if (family === 4) return ip;
  if (family === 6) return `${ipv6Prefix64(ip)}::/64`;
  return null;
}

export interface Client {
  /** What the client counts as in per-client limits. */
  key: string;
  /** A loopback peer: a local user, or a proxy on this host whose clients all look alike. */
  loopback: boolean;
}

function loopbackIp(ip: string): boolean {
  return ip === '::1' || ip.startsWith('127.') || /^::ffff:127\./i.test(ip);
}

/** The client a request counts against: its (trusted-proxy-aware) address, validated. */
export function clientOf(req: FastifyRequest): Client {
  for (const ip of [req.ip, req.socket?.remoteAddress]) {
    const key = addressKey(ip);
    if (key !== null && ip) return { key, loopback: loopbackIp(ip) };
  }
  return { key: 'unknown', loopback: false };
}
