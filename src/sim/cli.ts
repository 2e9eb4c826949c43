// `npm run sim -- --help`: seed the bot's tables with a simulated history, optionally go live.
import { createWriterClient } from './client.js';
import { parseCli, USAGE } from './cli-args.js';
import { generateHistory } from './generate.js';
import { startLiveSimulator } from './live.js';
import { MissingTableError, writeItems } from './write.js';

function describe(err: unknown, endpoint: string | undefined): string {
  if (err instanceof MissingTableError) return err.message;
  const e = err as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || e.name === 'TimeoutError') {
    return `cannot reach DynamoDB at ${endpoint ?? 'the AWS default endpoint'} (${code ?? e.name}); is the store running?`;
  }
  return `${e.name ?? 'Error'}: ${e.message ?? String(err)}`;
}

async function main(): Promise<number> {
  const parsed = parseCli(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`sim: ${parsed.message}\nRun \`npm run sim -- --help\` for usage.\n`);
    return 2;
  }
  const cfg = parsed.config;
  const doc = createWriterClient({ endpoint: cfg.endpoint, region: cfg.region });
  const nowMs = cfg.nowMs ?? Date.now();
  const gen = generateHistory({ seed: cfg.seed, env: cfg.env, nowMs, markets: cfg.markets, days: cfg.days });
  process.stdout.write(
    `sim: generated ${cfg.days} days × ${cfg.markets} markets for ${cfg.env} (seed ${cfg.seed}, ${gen.stats.runs} bot runs)\n`,
  );
  try {
    const report = await writeItems(doc, cfg.env, gen.items);
    for (const [table, n] of Object.entries(report.counts))
      process.stdout.write(`  ${table}_${cfg.env}: ${n} items\n`);
    process.stdout.write(
      `sim: written in ${report.seconds.toFixed(1)} s to ${cfg.endpoint ?? `AWS ${cfg.region}`}\n`,
    );
  } catch (err) {
    process.stderr.write(`sim: ${describe(err, cfg.endpoint)}\n`);
    return 1;
  }
  if (!cfg.live) return 0;
  const live = startLiveSimulator({
    doc,
    env: cfg.env,
    seed: cfg.seed,
    state: gen.state,
    loopMs: cfg.loopMs,
    onError: (err) => process.stderr.write(`sim live: ${describe(err, cfg.endpoint)}\n`),
  });
  process.stdout.write(`sim: live run ${live.runId} writing every ${cfg.loopMs} ms; Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await live.stop();
  process.stdout.write(`sim: stopped after ${live.loops} loops\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`sim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
