// Cedar (cedar-wasm on Node): the policy set is parsed once (preparsePolicySet); each question is
// one statefulIsAuthorized call with the flat facts as context. Principal, action and resource
// are the requesting agency, the act and the data item; no entities.
import { readFileSync } from 'node:fs';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { flatten, slotted, questions, loadOffences, versionOf } from './facts.mjs';

export function load(encodings) {
  const offences = loadOffences(encodings);
  const parsed = cedar.preparsePolicySet('subset', { staticPolicies: readFileSync(`${encodings}/policies.cedar`, 'utf8') });
  if (parsed.type !== 'success') throw new Error('Cedar refused the policies: ' + JSON.stringify(parsed.errors));
  return {
    name: 'Cedar (cedar-wasm)',
    version: versionOf('@cedar-policy/cedar-wasm'),
    prepare(req) {
      const facts = slotted(flatten(req, offences));
      return questions(req, facts).map(context => ({
        principal: { type: 'Agency', id: context.requesterAgency },
        action: { type: 'Action', id: context.act },
        resource: { type: 'Item', id: context.item || 'none' },
        context,
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
