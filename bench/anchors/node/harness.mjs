// Runs one Node anchor over a JSON Lines corpus, in two parts, as
// bench/Comity.Anchors/Harness/EngineHarness.cs runs the .NET engines. The agreement pass (with
// --verdicts): every request of [--from, --to), JSON line in, answer out, untimed, writing each
// request's verdict (permit or deny) for the agreement check; several processes can share a
// corpus this way. The timing (with --passes above 0): a warm-up on the first --warmup requests,
// repeated for at least a second, then timed passes over the first --sample requests, first
// "JSON in, JSON out" (parse the line, decide, serialise the answer), then "decide only" (inputs
// prepared beforehand). Each decision is timed on its own with process.hrtime.bigint(); the
// timings are printed as JSON.
//
//   node --no-turbo-inline-js-wasm-calls harness.mjs cedar|casbin|json-rules-engine --encodings DIR --corpus FILE
//        [--verdicts FILE [--from N] [--to N]] [--passes N [--sample N] [--warmup N]]
//
// The V8 flag works around a crash of Node 20's optimizer with cedar-wasm (bench/sections/engine-anchors).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    encodings: { type: 'string' },
    corpus: { type: 'string' },
    verdicts: { type: 'string' },
    from: { type: 'string', default: '0' },
    to: { type: 'string' },
    passes: { type: 'string', default: '0' },
    sample: { type: 'string' },
    warmup: { type: 'string', default: '2000' },
  },
});
const [which] = positionals;
const modules = { cedar: './cedar.mjs', casbin: './casbin.mjs', 'json-rules-engine': './json-rules-engine.mjs' };
if (!modules[which] || !values.encodings || !values.corpus)
  throw new Error(`usage: node harness.mjs ${Object.keys(modules).join('|')} --encodings DIR --corpus FILE `
    + '[--verdicts FILE [--from N] [--to N]] [--passes N [--sample N] [--warmup N]]');

const engine = await (await import(modules[which])).load(values.encodings);
const lines = readFileSync(values.corpus, 'utf8').split('\n').filter(l => l.length > 0);
const serialise = (req, permit) => {
  JSON.stringify({ id: req.id, decision: permit ? 'permit' : 'deny' });
  return permit;
};
/**
 * Decides one request from its JSON line and serialises the answer; returns whether it permits
 * (a promise for json-rules-engine, whose run is asynchronous; a plain value otherwise, so that
 * the synchronous anchors pay no promise).
 */
const answer = engine.async
  ? async (line) => { const req = JSON.parse(line); return serialise(req, await engine.decide(engine.prepare(req))); }
  : (line) => { const req = JSON.parse(line); return serialise(req, engine.decide(engine.prepare(req))); };

if (values.verdicts) {
  const range = lines.slice(Number(values.from), values.to === undefined ? lines.length : Number(values.to));
  const verdicts = [];
  for (const line of range) verdicts.push((engine.async ? await answer(line) : answer(line)) ? 'permit' : 'deny');
  writeFileSync(values.verdicts, verdicts.join('\n') + (verdicts.length ? '\n' : ''));
}

const passes = Number(values.passes);
if (passes > 0) {
  const warmup = lines.slice(0, Number(values.warmup));
  const started = process.hrtime.bigint();
  do for (const line of warmup) if (engine.async) await answer(line); else answer(line);
  while (process.hrtime.bigint() - started < 1_000_000_000n);

  const sample = lines.slice(0, values.sample === undefined ? lines.length : Number(values.sample));
  const latencies = new Float64Array(sample.length);
  const micros = (t0) => Number(process.hrtime.bigint() - t0) / 1000;
  const summary = (seconds) => {
    const sorted = Float64Array.from(latencies).sort();
    const n = sorted.length;
    const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return { seconds, perSecond: n / seconds, medianMicroseconds: median, p99Microseconds: sorted[Math.min(n - 1, Math.ceil(n * 0.99) - 1)] };
  };

  const json = [];
  for (let p = 0; p < passes; p++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < sample.length; i++) {
      const t0 = process.hrtime.bigint();
      if (engine.async) await answer(sample[i]);
      else answer(sample[i]);
      latencies[i] = micros(t0);
    }
    json.push(summary(micros(start) / 1e6));
  }

  const inputs = sample.map(l => engine.prepare(JSON.parse(l)));
  const decide = [];
  for (let p = 0; p < passes; p++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < inputs.length; i++) {
      const t0 = process.hrtime.bigint();
      if (engine.async) await engine.decide(inputs[i]);
      else engine.decide(inputs[i]);
      latencies[i] = micros(t0);
    }
    decide.push(summary(micros(start) / 1e6));
  }

  process.stdout.write(JSON.stringify({
    engine: engine.name,
    version: engine.version,
    runtime: `Node ${process.version}`,
    requests: sample.length,
    json: { passes: json },
    decide: { passes: decide },
  }, null, 2) + '\n');
}
