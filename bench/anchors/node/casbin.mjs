// node-casbin: the model of casbin-model.conf and, per act, one enforcer with that act's policy
// lines from casbin-policies.json; each question is one enforceSync with the flat facts as the
// request subject. containsAny is the one function the
// rules call that casbin does not have.
import { readFileSync } from 'node:fs';
import { newEnforcer, newModelFromString } from 'casbin';
import { flatten, slotted, questions, loadOffences, versionOf } from './facts.mjs';

export async function load(encodings) {
  const offences = loadOffences(encodings);
  const model = readFileSync(`${encodings}/casbin-model.conf`, 'utf8');
  const enforcers = new Map();
  for (const [act, policies] of Object.entries(JSON.parse(readFileSync(`${encodings}/casbin-policies.json`, 'utf8')))) {
    const enforcer = await newEnforcer(newModelFromString(model));
    enforcer.addFunction('containsAny', (codes, ...listed) => codes.some(c => listed.includes(c)));
    await enforcer.addPolicies(policies);
    if ((await enforcer.getPolicy()).length !== policies.length) throw new Error('casbin did not take every policy line');
    enforcers.set(act, enforcer);
  }
  return {
    name: 'node-casbin',
    version: versionOf('casbin'),
    prepare(req) {
      return questions(req, slotted(flatten(req, offences)));
    },
    decide(subjects) {
      for (const subject of subjects) if (!enforcers.get(subject.act).enforceSync(subject)) return false;
      return true;
    },
  };
}
