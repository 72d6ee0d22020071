// Cedar (cedar-wasm on Node): the policy set is parsed once (preparsePolicySet); each question is
// one statefulIsAuthorized call. Principal, action and resource are the requesting agency, the act
// and the data item; no entities. The context holds only the facts the policies read
// (cedar-context.json), and each conviction or charge as an optional record c0, c1, p0, p1 with
// only the fields they read: every value is copied into WebAssembly on each call.
import { readFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { flatten, questions, loadOffences, versionOf, SLOTS } from './facts.mjs';

export function load(encodings) {
  const offences = loadOffences(encodings);
  const { facts: used, records: fields } = JSON.parse(readFileSync(`${encodings}/cedar-context.json`, 'utf8'));
  const parsed = cedar.preparsePolicySet('subset', { staticPolicies: readFileSync(`${encodings}/policies.cedar`, 'utf8') });
  if (parsed.type !== 'success') throw new Error('Cedar refused the policies: ' + JSON.stringify(parsed.errors));

  function record(r) {
    const out = {};
    for (const f of fields) out[f] = r[f];
    return out;
  }

  function context(facts) {
    const out = {};
    for (const f of used) out[f] = facts[f];
    if (facts.convictions.length > SLOTS || facts.charges.length > SLOTS)
      throw new Error(`more than ${SLOTS} convictions or charges: the policies read only ${SLOTS}`);
    facts.convictions.forEach((c, i) => { out['c' + i] = record(c); });
    facts.charges.forEach((c, i) => { out['p' + i] = record(c); });
    return out;
  }

  return {
    name: 'Cedar (cedar-wasm)',
    version: versionOf('@cedar-policy/cedar-wasm'),
    prepare(req) {
      return questions(req, flatten(req, offences)).map(q => ({
        principal: { type: 'Agency', id: q.requesterAgency },
        action: { type: 'Action', id: q.act },
        resource: { type: 'Item', id: q.item || 'none' },
        context: context(q),
        preparsedPolicySetId: 'subset',
        entities: [],
      }));
    },
    decide(calls) {
      for (const call of calls) {
        const answer = cedar.statefulIsAuthorized(call);
        if (answer.type !== 'success') throw new Error('Cedar failed: ' + JSON.stringify(answer.errors));
        if (answer.response.diagnostics.errors.length > 0)
          throw new Error('Cedar policy error: ' + JSON.stringify(answer.response.diagnostics.errors));
        if (answer.response.decision !== 'allow') return false;
      }
      return true;
    },
  };
}
