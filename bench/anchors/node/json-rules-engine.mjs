// json-rules-engine: one engine per act with that act's rules from json-rules-engine.json,
// chained through runtime facts: when a
// rule succeeds, its fact active_KEY becomes true (engine facts start false), and rules that it
// sets aside, run later by priority, test it. Each question is one engine.run with the flat facts
// (records as top-level facts c0_level, c0_classes, ...). The harness adds what the rules use
// beyond the built-in operators: containsAny (for "code is"), and the facts dayMinusNy for
// "within N years".
import { readFileSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { flatten, slotted, questions, loadOffences, versionOf } from './facts.mjs';

export function load(encodings) {
  const offences = loadOffences(encodings);
  const encoding = JSON.parse(readFileSync(`${encodings}/json-rules-engine.json`, 'utf8'));
  const engines = new Map();
  for (const [act, rules] of Object.entries(encoding.engines)) {
    const engine = new Engine([], { allowUndefinedFacts: false });
    engine.addOperator('containsAny', (codes, listed) => codes.some(c => listed.includes(c)));
    for (const years of encoding.windows)
      engine.addFact(`dayMinus${years}y`, async (params, almanac) => (await almanac.factValue('day')) - years * 10000);
    for (const key of encoding.keys) engine.addFact(`active_${key}`, false);
    engine.on('success', (event, almanac) => almanac.addRuntimeFact(`active_${event.params.key}`, true));
    for (const rule of rules) engine.addRule(rule);
    engines.set(act, engine);
  }
  return {
    name: 'json-rules-engine',
    version: versionOf('json-rules-engine'),
    async: true,
    prepare(req) {
      return questions(req, slotted(flatten(req, offences))).map(topLevel);
    },
    async decide(questions) {
      for (const facts of questions) {
        const { events } = await engines.get(facts.act).run(facts);
        if (!events.some(e => e.type === 'permit') || events.some(e => e.type === 'forbid')) return false;
      }
      return true;
    },
  };
}

/** Records as top-level facts: json-rules-engine reads nested values only through JSONPath. */
function topLevel(facts) {
  const flat = {};
  for (const [key, value] of Object.entries(facts)) {
    if (/^[cp]\d+$/.test(key)) for (const [field, v] of Object.entries(value)) flat[`${key}_${field}`] = v;
    else flat[key] = value;
  }
  return flat;
}
