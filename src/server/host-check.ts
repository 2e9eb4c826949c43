// DNS rebinding: a web page on attacker.example can point its own name at 127.0.0.1 and then read
// this server from the victim's browser, same-origin as far as the browser knows — every request
// carrying `Host: attacker.example`. So the server answers only Host names it knows:
//
// - IP addresses (a page served from an IP is that IP's own origin: rebinding needs a name),
//   localhost and *.localhost (browsers resolve them to loopback themselves, RFC 6761);
// - the name it listens on (--host), and the names in --allowed-hosts (`.example.com` allows
//   example.com and every name under it).
//
// Checked whenever auth is off (the default, loopback setup: nothing else stands between such a page
// and the data) and whenever --allowed-hosts is given. With --auth and no list any Host is answered:
// a rebound origin holds none of the browser's credentials for the real one (cookies and Basic
// credentials belong to an origin), so it meets the 401 like anyone else.
import { isIP } from 'node:net';
import type { FastifyInstance } from 'fastify';

export interface HostPolicy {
  listen?: string;
  allowed?: readonly string[];
}

/** The host name of a Host header: lower-cased, without port, brackets or a trailing dot. */
export function hostName(header: string): string {
  const h = header.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  const name = colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
  return name.replace(/\.$/, '');
}

export function hostAllowed(header: string, policy: HostPolicy): boolean {
  const name = hostName(header);
  if (name === '') return false;
  if (isIP(name) !== 0) return true;
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (policy.listen && name === policy.listen.toLowerCase()) return true;
  for (const a of policy.allowed ?? []) {
    if (a.startsWith('.') ? name === a.slice(1) || name.endsWith(a) : name === a) return true;
  }
  return false;
}

/** Refuses (421) a request whose Host header is not one this server answers to. */
export function registerHostCheck(app: FastifyInstance, policy: HostPolicy, authOn: boolean): void {
  if (authOn && !policy.allowed?.length) return;
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host;
    // HTTP/1.0 may omit Host (Node refuses an HTTP/1.1 request without one); a browser never does.
    if (host === undefined || hostAllowed(host, policy)) return undefined;
    return reply.code(421).send({
      error: {
        code: 'host_not_allowed',
        message: `this server does not answer to the host name "${hostName(host).slice(0, 100)}"; an operator can add it with --allowed-hosts`,
      },
    });
  });
}
