// The flat facts every anchor reads, built from a contract request exactly as the .NET anchors
// build them (bench/Comity.Anchors/Subset/AnchorRequest.cs): the law language's fact names
// without dots (document.type is documentType), absent enumerations as "", the day as the number
// yyyymmdd, and each conviction or charge with the list of codes it matches (its code, the codes
// it is a subdivision of) and its offence classes: those of its codes and of the classes the
// caller asserted, from offence-classes.json (bench/Comity.Anchors/Subset/OffenceClasses.cs).
import { readFileSync } from 'node:fs';

/** How many convictions and charges the anchors without a quantifier read (slots c0, c1, p0, p1). */
export const SLOTS = 2;

const EMPTY_RECORD = Object.freeze({ present: false, codes: [], classes: [], level: '', jurisdiction: '', wobbler: false, wobblerGiven: false, reducedByProp47: false, juvenile: false, juvenileGiven: false, day: 0 });

/** The offence tables of an encoding: classes by code, by asserted contract class, and codes in a class for a period only. */
export function loadOffences(encodings) {
  const { codes, asserted, dated } = JSON.parse(readFileSync(`${encodings}/offence-classes.json`, 'utf8'));
  return { codes: new Map(Object.entries(codes)), asserted: new Map(Object.entries(asserted)), dated: dated ?? [] };
}

/** A package's version, read from its package.json (some packages do not export that file). */
export function versionOf(name) {
  return JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
}

export function day(iso) {
  return Number(iso.slice(0, 4)) * 10000 + Number(iso.slice(5, 7)) * 100 + Number(iso.slice(8, 10));
}

export function codesOf(code) {
  const codes = [code];
  let key = code;
  let cut;
  while (key.endsWith(')') && (cut = key.lastIndexOf('(')) > 0) codes.push(key = key.slice(0, cut));
  return codes;
}

function classesOf(codes, asserted, offences, when) {
  const classes = new Set();
  for (const code of codes) for (const c of offences.codes.get(code) ?? []) classes.add(c);
  // A code in a class for a period only: a conviction by its date, a charge by the day received.
  for (const d of offences.dated) if (codes.includes(d.code) && d.from <= when && when < d.until) classes.add(d.class);
  for (const x of asserted ?? []) for (const c of offences.asserted.get(x) ?? []) classes.add(c);
  return [...classes].sort();
}

function record(r, dated, offences, received) {
  const codes = codesOf(r.code);
  return {
    present: true,
    codes,
    classes: classesOf(codes, r.classes, offences, dated ? day(r.date) : received),
    level: r.level ?? '',
    jurisdiction: r.jurisdiction ?? 'ca',
    wobbler: r.wobbler === true,
    wobblerGiven: r.wobbler === true || r.wobbler === false,
    reducedByProp47: r.reducedByProp47 === true,
    // A juvenile adjudication (contract 1.1), with its companion: whether it is given (not given,
    // Comity reads it unknown).
    juvenile: r.juvenile === true,
    juvenileGiven: r.juvenile === true || r.juvenile === false,
    day: dated ? day(r.date) : 0,
  };
}

/** The facts of the request, before any data item is chosen; records as arrays. */
export function flatten(req, offences) {
  const d = req.document;
  const s = req.subject ?? {};
  const t = req.taskForce ?? {};
  // The 48 hours of 8 C.F.R. 287.7(d) are not computed here (time zones, bare dates: Comity's
  // clock), so a request with custody times is refused; without them the fact is not given.
  if (s.custody !== undefined) throw new Error('subject.custody: the anchors do not compute the 48 hours of 8 C.F.R. 287.7(d)');
  return {
    act: req.act,
    purpose: req.purpose,
    documentType: d.type,
    requesterAgency: req.requester.agency,
    actorKind: req.actor.kind,
    actorUnit: req.actor.unit,
    place: req.place ?? '',
    item: '',
    itemPublic: false,
    documentIssuedByFederalJudge: d.issuedByFederalJudge === true,
    documentFederalCriminalImmigrationLaw: d.federalCriminalImmigrationLaw === true,
    documentNamesSubject: d.namesSubject === true,
    documentCoversPlace: d.coversPlace === true,
    subjectInCustody: s.inCustody === true,
    subjectSexArsonRegistrant: s.sexArsonRegistrant === true,
    subjectFederalFelonyWarrant: s.federalFelonyWarrant === true,
    subjectReentryAfterAggravatedFelony: s.reentryAfterAggravatedFelony === true,
    subjectHateCrimeVictimOrWitnessNotCharged: s.hateCrimeVictimOrWitnessNotCharged === true,
    taskForcePrimaryPurposeImmigration: t.primaryPurposeImmigration === true,
    taskForceDutiesPrimarilyImmigration: t.dutiesPrimarilyImmigration === true,
    taskForceDedicatedResources: t.dedicatedResources === true,
    taskForceFederalMembers: t.federalMembers === true,
    // Contract 1.1 facts that may be left out, each with a companion that says it is given
    // (AnchorSubset.Encodable): item.held is false and given when no item is asked for.
    requesterFederalParticipation: req.requester.federalParticipation === true,
    requesterFederalParticipationGiven: typeof req.requester.federalParticipation === 'boolean',
    itemHeld: false,
    itemHeldGiven: true,
    subjectCustodyPast48Hours: false,
    subjectCustodyPast48HoursGiven: false,
    day: day(req.receivedAt),
    convictions: (s.convictions ?? []).map(c => record(c, true, offences, day(req.receivedAt))),
    charges: (s.magistrateProbableCause ?? []).map(c => record(c, false, offences, day(req.receivedAt))),
  };
}

/** The records as slots c0, c1 (convictions) and p0, p1 (charges), absent ones with present: false. */
export function slotted(facts) {
  const { convictions, charges, ...flat } = facts;
  if (convictions.length > SLOTS || charges.length > SLOTS)
    throw new Error(`more than ${SLOTS} convictions or charges: the slot encodings read only ${SLOTS}`);
  for (let i = 0; i < SLOTS; i++) {
    flat['c' + i] = convictions[i] ?? EMPTY_RECORD;
    flat['p' + i] = charges[i] ?? EMPTY_RECORD;
  }
  return flat;
}

/** One question per data item (each decided on its own), or the request itself when it asks for none. */
export function questions(req, facts) {
  const data = req.data ?? [];
  if (data.length === 0) return [facts];
  const open = req.dataPublic ?? [];
  const held = req.dataHeld;
  return data.map(item => ({ ...facts, item, itemPublic: open.includes(item), itemHeld: held !== undefined && held.includes(item), itemHeldGiven: held !== undefined }));
}
