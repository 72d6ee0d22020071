// Runs one Node anchor over a JSON Lines corpus, as bench/Comity.Anchors/Harness/EngineHarness.cs
// runs the .NET engines: the first --warmup requests untimed, to warm the engine up; then
// --passes timed passes "JSON in, JSON out" over the whole corpus (parse the line, decide,
// serialise the answer), the first of which writes each request's verdict (permit or deny) for
// the agreement check; then as many timed passes "decide only" on the first --sample requests,
// prepared beforehand.
// Each decision is timed on its own with process.hrtime.bigint(). Prints the timings as JSON.
// The V8 flag works around a crash of Node 20's optimizer with cedar-wasm (bench/sections/engine-anchors).
//
//   node --no-turbo-inline-js-wasm-calls harness.mjs cedar|casbin|json-rules-engine --encodings DIR --corpus FILE [--verdicts FILE] [--passes N] [--warmup N] [--sample N]
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    encodings: { type: 'string' },
    corpus: { type: 'string' },
    verdicts: { type: 'string' },
    passes: { type: 'string', default: '1' },
    warmup: { type: 'string', default: '2000' },
    sample: { type: 'string' },
  },
});
const [which] = positionals;
const modules = { cedar: './cedar.mjs', casbin: './casbin.mjs', 'json-rules-engine': './json-rules-engine.mjs' };
if (!modules[which] || !values.encodings || !values.corpus)
  throw new Error(`usage: node harness.mjs ${Object.keys(modules).join('|')} --encodings DIR --corpus FILE [--verdicts FILE] [--passes N] [--warmup N] [--sample N]`);

const engine = await (await import(modules[which])).load(values.encodings);
const lines = readFileSync(values.corpus, 'utf8').split('\n').filter(l => l.length > 0);
const passes = Number(values.passes);
const decide = engine.async ? engine.decide : null;

function answer(req, permit) {
  return JSON.stringify({ id: req.id, decision: permit ? 'permit' : 'deny' });
}

for (const line of lines.slice(0, Number(values.warmup))) {
  const req = JSON.parse(line);
  answer(req, decide ? await decide(engine.prepare(req)) : engine.decide(engine.prepare(req)));
}

let latencies = new Float64Array(lines.length);
const micros = (t0) => Number(process.hrtime.bigint() - t0) / 1000;

function summary(seconds) {
  const sorted = Float64Array.from(latencies).sort();
  const n = sorted.length;
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { seconds, perSecond: n / seconds, medianMicroseconds: median, p99Microseconds: sorted[Math.min(n - 1, Math.ceil(n * 0.99) - 1)] };
}

const json = [];
for (let p = 0; p < passes; p++) {
  const verdicts = p === 0 && values.verdicts ? new Array(lines.length) : null;
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    const t0 = process.hrtime.bigint();
    const req = JSON.parse(lines[i]);
    const permit = decide ? await decide(engine.prepare(req)) : engine.decide(engine.prepare(req));
    answer(req, permit);
    latencies[i] = micros(t0);
    if (verdicts) verdicts[i] = permit ? 'permit' : 'deny';
  }
  json.push(summary(micros(start) / 1e6));
  if (verdicts) writeFileSync(values.verdicts, verdicts.join('\n') + '\n');
}

const inputs = lines.slice(0, values.sample ? Number(values.sample) : lines.length).map(l => engine.prepare(JSON.parse(l)));
latencies = new Float64Array(inputs.length);
const only = [];
for (let p = 0; p < passes; p++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < inputs.length; i++) {
    const t0 = process.hrtime.bigint();
    if (decide) await decide(inputs[i]);
    else engine.decide(inputs[i]);
    latencies[i] = micros(t0);
  }
  only.push(summary(micros(start) / 1e6));
}

process.stdout.write(JSON.stringify({
  engine: engine.name,
  version: engine.version,
  runtime: `Node ${process.version}`,
  requests: lines.length,
  sample: inputs.length,
  json: { passes: json },
  decide: { passes: only },
}, null, 2) + '\n');
