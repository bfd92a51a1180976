/**
 * The demo's ICT phase 2 (prisma/seed-data/phase2-story.ts tells the story): the DARA
 * facilitator, a referent per comune, the cycle "Rilevazione 2026" of the Oltrepò with each
 * comune's assessment in its state, the needs register and the citizens' requests. Every
 * write goes through the models the screens call, so stored scores, area aggregates, shared
 * gaps, priorities and audit rows are what the app itself would have written. Deterministic:
 * fixed tables, a hash-seeded generator, dates relative to the seed's today.
 *
 * Three writes have no model yet and are done here in the models' manner (one transaction
 * with its audit row): merging a citizen's request into another, linking a request to a
 * need, and the channel of a request typed in by staff (the public form is always WEB).
 * The models stamp rows with the real clock where they take no `now`; those dates
 * (needs, evidence, supports) are moved onto the story's days afterwards.
 */
import { createHash } from "node:crypto";
import type { Actor, Phase2Scope } from "~/access/scope.server";
import type { RoleName } from "~/access/capabilities";
import type { AnswerInput } from "~/domain/assessment-form";
import { SHARED_GAP_THRESHOLD, thresholdLevel } from "~/domain/assessment-scoring";
import {
  addEvidence,
  reopenAssessment,
  saveDimensionAnswers,
  submitAssessment,
  validateAssessment,
  type EvidenceInput,
} from "~/models/assessment.server";
import { computeAssessmentScores } from "~/models/assessment-scores.server";
import { moderateRequest, submitCitizenRequest, supportRequest } from "~/models/citizen-request.server";
import { createCycle, setCycleStatus } from "~/models/cycle.server";
import { mergeRequest } from "~/models/citizen-moderation.server";
import { createNeed, discardNeed, linkRequestToNeed, mergeNeeds } from "~/models/need.server";
import { audit } from "~/utils/audit.server";
import { dbReady, prisma } from "~/utils/db.server";
import { formStartToken } from "~/utils/signing.server";
import { instantToZoned } from "~/utils/time";
import { DEMO_ACCOUNTS } from "./seed-data/demo-accounts";
import {
  CAPACITY_SLOPE,
  COMUNE_CAPACITY,
  EVIDENCE,
  ITEM_BASE,
  NOT_APPLICABLE,
  NOTES,
  sessionReason,
  type ComuneName,
} from "./seed-data/phase2-answers";
import { DEMO_NEEDS } from "./seed-data/phase2-needs";
import { DEMO_REQUESTS, type DemoRequest } from "./seed-data/phase2-requests";
import {
  ASSESSMENT_STATES,
  BORGO_PRIOLO_REOPEN_REASON,
  PHASE2_CYCLE_TITLE,
  PHASE2_EDITION_CODE,
  PHASE2_FACILITATOR,
  REFERENT_ROLES,
} from "./seed-data/phase2-story";
import { OLTREPO_AREA, OLTREPO_COMUNI, slugify } from "./seed-data/territory";

const DAY = 24 * 3600 * 1000;
const REQUEST_ID = "seed-phase2";
const DIMENSIONS = ["ORG", "PROC", "SERV", "PIAT", "DATI", "INFR", "SIC"] as const;

/** A number in [0, 1) from a string: FNV-1a, then one round of mulberry32. */
function unit(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let t = (h + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

type Item = {
  code: string;
  kind: string;
  thresholds: number[] | null;
  evidenceRequiredFrom: number | null;
  dimension: string;
};

type Prefilled = Map<string, { value: number | null; rawNumber: number | null }>;

/** The answer a comune gives to an item, before evidence (prefilled answers are kept as imported). */
function answerOf(comune: ComuneName, item: Item, prefilled: Prefilled): AnswerInput {
  const na = NOT_APPLICABLE.find((n) => n.comune === comune && n.item === item.code);
  if (na) return { na: true, naReason: na.reason };
  const imported = prefilled.get(item.code);
  if (imported) return imported.value !== null ? { value: imported.value } : { raw: imported.rawNumber ?? 0 };
  const capacity = COMUNE_CAPACITY[comune];
  const noise = unit(`${comune}|${item.code}`) * 1.5 - 0.75;
  let answer: AnswerInput;
  if (item.kind === "COUNT") {
    answer = { raw: clamp(Math.round(capacity * 6 - 0.5 + noise * 2), 0, 12) };
  } else if (item.kind === "PERCENT") {
    const raw = item.code === "INFR-01" ? capacity * 45 - 5 + noise * 20 : 15 + capacity * 40 + noise * 15;
    answer = { raw: clamp(Math.round(raw), 0, 100) };
  } else {
    const level = clamp(Math.round((ITEM_BASE[item.code] ?? 2) + (capacity - 0.5) * CAPACITY_SLOPE + noise), 0, 4);
    const value =
      item.kind === "YES_NO"
        ? level >= 2
          ? 4
          : 0
        : item.kind === "PLATFORM_STATE"
          ? level >= 3
            ? 4
            : level >= 1
              ? 2
              : 0
          : level;
    answer = { value };
  }
  const level = levelOf(item, answer);
  const notes = NOTES[item.code];
  const note = level <= 1 ? notes?.low : level >= 3 ? notes?.high : notes?.mid;
  if (note && unit(`${comune}|${item.code}|note`) < 0.45) answer.note = note;
  return answer;
}

/** The level an answer carries before the evidence cap. */
function levelOf(item: Item, answer: AnswerInput): number {
  if (answer.na) return -1;
  if (answer.raw !== undefined) return thresholdLevel(item.thresholds ?? [0, 1, 2, 3, 4], answer.raw);
  return answer.value ?? -1;
}

/** The phase-2 scope the guard hands out: here always the one part of the role that acts. */
function scopeOf(parts: Partial<Phase2Scope>): Phase2Scope {
  return {
    kind: "phase2",
    facilitatorUserId: null,
    areaIds: [],
    organisationId: null,
    learnerOrganisationId: null,
    ...parts,
  };
}

/** Asserts a model's answer was a success: a refusal in the demo seed is a bug of the story. */
function ok<T>(what: string, result: T | null): Extract<T, { ok: true }> {
  if (!result || (result as { ok?: boolean }).ok !== true) {
    throw new Error(`Seed fase 2: ${what} non riuscito: ${JSON.stringify(result)}`);
  }
  return result as Extract<T, { ok: true }>;
}

export async function seedPhase2({ today, passwordHash }: { today: Date; passwordHash: string }) {
  const started = performance.now();
  await dbReady;
  const at = (days: number, hour = 9, minute = 0) =>
    new Date(today.getTime() + days * DAY + (hour * 60 + minute) * 60_000);
  const dayOf = (date: Date) => instantToZoned(date).date;

  const area = await prisma.area.findUniqueOrThrow({ where: { slug: OLTREPO_AREA.slug }, select: { id: true } });
  const edition = await prisma.edition.findUniqueOrThrow({
    where: { code: PHASE2_EDITION_CODE },
    select: { id: true },
  });
  const agency = await prisma.organisation.findFirstOrThrow({
    where: { name: "Agenzia formativa del programma" },
    select: { id: true },
  });
  const comuni = new Map<ComuneName, { id: number; ipaCode: string; site: string }>();
  for (const c of OLTREPO_COMUNI) {
    const org = await prisma.organisation.findFirstOrThrow({
      where: { areaId: area.id, name: `Comune di ${c.name}` },
      select: { id: true, ipaCode: true },
    });
    comuni.set(c.name as ComuneName, {
      id: org.id,
      ipaCode: org.ipaCode ?? "",
      site: `https://www.comune.${slugify(c.name).replace(/-/g, "")}.pv.it`,
    });
  }
  const comune = (name: ComuneName) => comuni.get(name)!;

  // ── The facilitator: a person of the programme's agency, trainer of the phase-2 edition.
  const facilitatorPerson = await prisma.person.create({
    data: {
      firstName: PHASE2_FACILITATOR.firstName,
      lastName: PHASE2_FACILITATOR.lastName,
      gender: "F",
      birthYear: 1984,
      educationLevel: "ISCED_5_8",
      position: "EXTERNAL",
      role: PHASE2_FACILITATOR.role,
      organisationId: agency.id,
    },
  });
  const facilitatorUser = await prisma.user.create({
    data: {
      email: DEMO_ACCOUNTS.facilitator,
      personId: facilitatorPerson.id,
      passwordHash,
      passwordSetAt: at(-90),
      roles: { create: [{ role: "TRAINER" }] },
    },
  });
  await prisma.editionTrainer.create({ data: { editionId: edition.id, userId: facilitatorUser.id } });
  const facilitator = {
    scope: scopeOf({ facilitatorUserId: facilitatorUser.id }),
    actor: (now: Date): Actor => ({ userId: facilitatorUser.id, roles: ["TRAINER"], requestId: REQUEST_ID, now }),
  };

  // ── Referents: an existing person of each comune's staff, so phase-1 numbers do not move.
  const demoEmails = new Set<string>(Object.values(DEMO_ACCOUNTS));
  const demoReferents: Partial<Record<ComuneName, string>> = {
    Varzi: DEMO_ACCOUNTS.referent,
    "Godiasco Salice Terme": DEMO_ACCOUNTS.referentOther,
  };
  const referents = new Map<ComuneName, { userId: number; roles: RoleName[] }>();
  for (const [index, c] of OLTREPO_COMUNI.entries()) {
    const name = c.name as ComuneName;
    const staff = await prisma.person.findMany({
      where: { organisationId: comune(name).id, position: { in: ["EMPLOYEE", "ADMINISTRATOR"] } },
      select: {
        id: true,
        email: true,
        role: true,
        user: { select: { id: true, email: true, roles: { select: { role: true } } } },
      },
      orderBy: { id: "asc" },
    });
    const eligible = staff.filter((p) => !p.user || !demoEmails.has(p.user.email));
    const preferred = REFERENT_ROLES[index % REFERENT_ROLES.length];
    const person =
      preferred.map((role) => eligible.find((p) => p.role === role)).find(Boolean) ??
      eligible.find((p) => p.role !== "Sindaco");
    if (!person) throw new Error(`Seed fase 2: nessun referente possibile per ${name}`);
    const demoEmail = demoReferents[name];
    let userId: number;
    let roles: RoleName[];
    if (person.user) {
      // The person's learner account becomes a referent's too; a demo referent logs in by its address.
      userId = person.user.id;
      roles = [...person.user.roles.map((r) => r.role as RoleName), "REFERENT"];
      await prisma.user.update({
        where: { id: userId },
        data: {
          ...(demoEmail ? { email: demoEmail, passwordHash, passwordSetAt: at(-90) } : {}),
          roles: { create: [{ role: "REFERENT", organisationId: comune(name).id }] },
        },
      });
    } else {
      roles = ["REFERENT"];
      userId = (
        await prisma.user.create({
          data: {
            email: demoEmail ?? person.email!,
            personId: person.id,
            passwordHash,
            passwordSetAt: at(-90),
            roles: { create: [{ role: "REFERENT", organisationId: comune(name).id }] },
          },
        })
      ).id;
    }
    referents.set(name, { userId, roles });
  }
  const referent = (name: ComuneName) => {
    const r = referents.get(name)!;
    return {
      scope: scopeOf({ organisationId: comune(name).id }),
      actor: (now: Date): Actor => ({ userId: r.userId, roles: r.roles, requestId: REQUEST_ID, now }),
    };
  };

  // ── The cycle: drafted, then opened (opening prefills ORG-04, SIC-05 and PIAT-08).
  const opened = at(-44, 8);
  const created = ok(
    "createCycle",
    await createCycle({
      scope: facilitator.scope,
      actor: facilitator.actor(at(-45, 15)),
      input: {
        editionId: edition.id,
        title: PHASE2_CYCLE_TITLE,
        opensOn: dayOf(opened),
        closesOn: dayOf(at(60)),
        sharedGapThreshold: SHARED_GAP_THRESHOLD,
      },
    }),
  );
  ok(
    "setCycleStatus",
    await setCycleStatus({
      scope: facilitator.scope,
      actor: facilitator.actor(opened),
      id: created.id,
      status: "OPEN",
    }),
  );
  const cycle = await prisma.assessmentCycle.findUniqueOrThrow({
    where: { id: created.id },
    select: {
      frameworkId: true,
      assessments: { select: { id: true, organisationId: true } },
    },
  });
  const items: Item[] = (
    await prisma.assessmentItem.findMany({
      where: { frameworkId: cycle.frameworkId },
      select: {
        code: true,
        kind: true,
        thresholds: true,
        evidenceRequiredFrom: true,
        dimension: { select: { code: true } },
      },
      orderBy: [{ dimension: { order: "asc" } }, { order: "asc" }],
    })
  ).map((i) => ({
    ...i,
    thresholds: i.thresholds ? (JSON.parse(i.thresholds) as number[]) : null,
    dimension: i.dimension.code,
  }));
  const assessmentOf = (name: ComuneName) => cycle.assessments.find((a) => a.organisationId === comune(name).id)!.id;
  const versionOf = async (id: number) =>
    (await prisma.assessment.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

  /** Saves some dimensions of a comune (and their evidence), starting on `day`, two a day. */
  async function fill(
    name: ComuneName,
    day: number,
    dimensions: readonly (typeof DIMENSIONS)[number][],
    options: { facilitated?: readonly string[]; partial?: { dimension: string; items: number } } = {},
  ) {
    const id = assessmentOf(name);
    const prefilled: Prefilled = new Map(
      (
        await prisma.assessmentAnswer.findMany({
          where: { assessmentId: id, source: "IMPORTED" },
          select: { value: true, rawNumber: true, item: { select: { code: true } } },
        })
      ).map((a) => [a.item.code, { value: a.value, rawNumber: a.rawNumber }]),
    );
    for (const [i, dimension] of dimensions.entries()) {
      const when = at(day + Math.floor(i / 2), 10 + (i % 2) * 4);
      const facilitated = options.facilitated?.includes(dimension) ?? false;
      const who = facilitated ? facilitator : referent(name);
      let dimensionItems = items.filter((it) => it.dimension === dimension);
      if (options.partial?.dimension === dimension) dimensionItems = dimensionItems.slice(0, options.partial.items);
      const answers = Object.fromEntries(dimensionItems.map((it) => [it.code, answerOf(name, it, prefilled)]));
      ok(
        `salvataggio ${name} ${dimension}`,
        await saveDimensionAnswers({
          scope: who.scope,
          actor: who.actor(when),
          id,
          dimensionCode: dimension,
          version: await versionOf(id),
          answers,
          ...(facilitated ? { reason: sessionReason(dayOf(when)) } : {}),
        }),
      );
      for (const it of dimensionItems) {
        if (prefilled.has(it.code)) continue; // the import attached its figures already
        const answer = answers[it.code]!;
        const level = levelOf(it, answer);
        const needed = it.evidenceRequiredFrom !== null && level >= it.evidenceRequiredFrom;
        const draw = unit(`${name}|${it.code}|evidence`);
        if (level < 2 || !(needed ? draw < 0.65 : draw < 0.06)) continue;
        if (name === "Borgo Priolo" && needed && draw > 0.5) continue; // what the reopening asks for
        await attach(name, it.code, when, who);
      }
    }
    return id;
  }

  async function attach(
    name: ComuneName,
    itemCode: string,
    when: Date,
    who: { scope: Phase2Scope; actor: (now: Date) => Actor },
  ) {
    const template = EVIDENCE[itemCode];
    if (!template) return;
    const c = comune(name);
    const year = today.getUTCFullYear() - 1;
    const n = Math.floor(unit(`${name}|${itemCode}|n`) * 90) + 3;
    const count = Math.round(20 + COMUNE_CAPACITY[name] * 200 * (0.5 + unit(`${name}|${itemCode}|count`)));
    const spec = template({ site: c.site, ipaCode: c.ipaCode, year, n, count });
    const evidence: EvidenceInput =
      spec.kind === "ACT"
        ? {
            kind: "ACT",
            title: spec.title,
            actNumber: spec.actNumber,
            actDate: new Date(Date.UTC(year, spec.month - 1, (n % 27) + 1)),
          }
        : spec;
    const added = ok(
      `evidenza ${name} ${itemCode}`,
      await addEvidence({ scope: who.scope, actor: who.actor(when), id: assessmentOf(name), itemCode, evidence }),
    );
    await prisma.evidence.update({ where: { id: added.evidenceId }, data: { createdAt: when } });
  }

  const proposedNeeds = async () =>
    new Set(
      (await prisma.need.findMany({ where: { cycleId: created.id, status: "PROPOSED" }, select: { id: true } })).map(
        (n) => n.id,
      ),
    );
  /** A need and its first sources get the story's day of their creation. */
  async function backdateNeed(id: number, when: Date) {
    await prisma.need.update({ where: { id }, data: { createdAt: when, updatedAt: when } });
    await prisma.needSource.updateMany({ where: { needId: id, citizenRequestId: null }, data: { createdAt: when } });
  }

  // ── Assessments, in the order the story happened.
  const states = Object.entries(ASSESSMENT_STATES) as [ComuneName, string][];
  // The smaller comuni went through the technical dimensions with the facilitator, in a group session.
  const facilitatedOf = (name: ComuneName) => {
    const capacity = COMUNE_CAPACITY[name];
    return capacity < 0.45 ? ["DATI", "INFR"] : capacity < 0.6 ? ["INFR"] : [];
  };
  const validated = states.filter(([, s]) => s === "VALIDATED").map(([n]) => n);
  for (const [i, name] of validated.entries()) {
    const start = -42 + 2 * i;
    const id = await fill(name, start, DIMENSIONS, { facilitated: facilitatedOf(name) });
    const r = referent(name);
    ok("invio", await submitAssessment({ ...r, actor: r.actor(at(start + 5, 11)), id, version: await versionOf(id) }));
    const before = await proposedNeeds();
    const when = at(start + 8, 16);
    ok(
      "validazione",
      await validateAssessment({ ...facilitator, actor: facilitator.actor(when), id, version: await versionOf(id) }),
    );
    for (const needId of await proposedNeeds()) if (!before.has(needId)) await backdateNeed(needId, when);
  }
  const submitted = states.filter(([, s]) => s === "SUBMITTED").map(([n]) => n);
  for (const [i, name] of submitted.entries()) {
    const start = -24 + 2 * i;
    const id = await fill(name, start, DIMENSIONS, { facilitated: facilitatedOf(name) });
    const r = referent(name);
    ok("invio", await submitAssessment({ ...r, actor: r.actor(at(start + 5, 12)), id, version: await versionOf(id) }));
  }
  for (const [name] of states.filter(([, s]) => s === "REOPENED")) {
    const id = await fill(name, -26, DIMENSIONS, { facilitated: facilitatedOf(name) });
    const r = referent(name);
    ok("invio", await submitAssessment({ ...r, actor: r.actor(at(-21, 12)), id, version: await versionOf(id) }));
    const capped = (await prisma.$transaction((tx) => computeAssessmentScores(tx, id))).items
      .filter((it) => it.capped)
      .map((it) => it.itemCode);
    const reason = capped.length
      ? `${BORGO_PRIOLO_REOPEN_REASON} Mancano le evidenze per ${capped.slice(0, 3).join(", ")}.`
      : BORGO_PRIOLO_REOPEN_REASON;
    ok(
      "riapertura",
      await reopenAssessment({
        ...facilitator,
        actor: facilitator.actor(at(-14, 10)),
        id,
        version: await versionOf(id),
        reason,
      }),
    );
    // The referent has started on it: the first missing piece is attached.
    if (capped[0]) await attach(name, capped[0], at(-9, 11), r);
  }
  const inProgress: Record<string, () => Promise<unknown>> = {
    Varzi: () =>
      fill("Varzi", -16, ["ORG", "PROC", "SERV", "PIAT", "DATI"], { partial: { dimension: "DATI", items: 2 } }),
    Fortunago: () => fill("Fortunago", -10, ["ORG", "PIAT", "INFR"], { facilitated: ["INFR"] }),
    Montesegale: () => fill("Montesegale", -4, ["ORG"]),
  };
  for (const [name, state] of states) {
    if (state !== "IN_PROGRESS") continue;
    const run = inProgress[name];
    if (!run) throw new Error(`Seed fase 2: manca la storia di ${name} (IN_PROGRESS)`);
    await run();
  }

  // ── Citizens' requests: through the public form, then moderated.
  const requestIds = new Map<string, { id: number; receiptCode: string }>();
  for (const [i, r] of DEMO_REQUESTS.entries()) {
    const createdAt = at(-r.daysAgo, 7 + Math.floor(unit(`${r.key}|hour`) * 12), Math.floor(unit(r.key) * 60));
    const sent = await submitCitizenRequest({
      organisationId: comune(r.comune).id,
      input: {
        topic: r.topic,
        text: r.text,
        currentContact: r.currentContact,
        ageBand: r.ageBand,
        contactEmail: r.contactEmail,
        contactConsent: Boolean(r.contactEmail),
        privacy: true,
        startedAt: formStartToken(new Date(createdAt.getTime() - (90 + i) * 1000)),
      },
      // Documentation addresses (RFC 5737): each request its own, so no rate limit is hit.
      clientIp: `203.0.113.${i + 1}`,
      now: createdAt,
    });
    const receipt = ok(`richiesta ${r.key}`, sent);
    const row = await prisma.citizenRequest.findUniqueOrThrow({
      where: { receiptCode: receipt.receiptCode },
      select: { id: true },
    });
    requestIds.set(r.key, { id: row.id, receiptCode: receipt.receiptCode });
    if (r.channel !== "WEB") await typedInByStaff(row.id, r, createdAt);
  }

  /** A paper, desk or facilitator request: staff typed it in (no client address to keep). */
  async function typedInByStaff(id: number, r: DemoRequest, when: Date) {
    const staff = r.channel === "SPORTELLO" ? referents.get(r.comune)!.userId : facilitatorUser.id;
    await prisma.$transaction(async (tx) => {
      await tx.citizenRequest.update({ where: { id }, data: { channel: r.channel, enteredById: staff, ipHash: null } });
      await audit(
        tx,
        { userId: staff, requestId: REQUEST_ID },
        {
          action: "citizen_request.enter",
          entity: "CitizenRequest",
          entityId: id,
          after: { channel: r.channel, at: when },
        },
      );
    });
  }

  const moderatedOn = (r: DemoRequest) => -r.daysAgo + 2 + Math.floor(unit(`${r.key}|moderation`) * 3);
  const moderator = (r: DemoRequest, by?: "referent") => (by === "referent" ? referent(r.comune) : facilitator);
  for (const r of DEMO_REQUESTS) {
    const { id } = requestIds.get(r.key)!;
    const o = r.outcome;
    if (o.status === "RECEIVED" || o.status === "MERGED") continue;
    const who = moderator(r, "by" in o ? o.by : undefined);
    const when = at(moderatedOn(r), 15);
    const moderation =
      o.status === "APPROVED"
        ? { action: "approve" as const, summary: o.summary }
        : o.status === "REJECTED"
          ? { action: "reject" as const, rejectReason: o.reason }
          : { action: "spam" as const };
    ok(`moderazione ${r.key}`, await moderateRequest({ ...who, actor: who.actor(when), id, moderation }));
  }
  for (const r of DEMO_REQUESTS) {
    if (r.outcome.status !== "MERGED") continue;
    const when = at(moderatedOn(r), 16);
    ok(
      `unione richiesta ${r.key}`,
      await mergeRequest({
        scope: facilitator.scope,
        actor: facilitator.actor(when),
        id: requestIds.get(r.key)!.id,
        targetId: requestIds.get(r.outcome.into)!.id,
      }),
    );
  }

  // "Anche per me": one press per browser a day, from the day after publication to yesterday.
  let supports = 0;
  for (const r of DEMO_REQUESTS) {
    if (r.outcome.status !== "APPROVED") continue;
    const { id } = requestIds.get(r.key)!;
    const first = moderatedOn(r) + 1;
    for (let k = 0; k < r.outcome.supports; k++) {
      const day = Math.min(-1, first + Math.floor(unit(`${r.key}|support|${k}`) * Math.max(1, -1 - first)));
      const when = at(day, 8 + (k % 10));
      const voterHash = createHash("sha256").update(`seed-phase2:${r.key}:${k}`).digest("base64url");
      const counted = await supportRequest({ id, voterHash, day: dayOf(when) });
      if (!counted?.counted) throw new Error(`Seed fase 2: sostegno non contato (${r.key})`);
      await prisma.citizenSupport.updateMany({ where: { requestId: id, voterHash }, data: { createdAt: when } });
      supports++;
    }
  }

  // ── The needs register.
  const needIds = new Map<string, number>();
  for (const n of DEMO_NEEDS) {
    const when = at(-n.daysAgo, 11);
    const who = n.by === "referent" ? referent(n.comuni[0]!) : facilitator;
    const result = ok(
      `fabbisogno ${n.key}`,
      await createNeed({
        scope: who.scope,
        actor: who.actor(when),
        areaId: area.id,
        input: {
          title: n.title,
          description: n.description,
          organisationIds: n.comuni.map((c) => comune(c).id),
          dimensionCode: n.dimension,
          impact: n.impact,
          feasibility: n.feasibility,
          requirements: n.requirements,
          budgetCapEuro: n.budgetCapEuro,
          timeCapMonths: n.timeCapMonths,
          sourceKind: n.sourceKind,
          sourceNote: n.sourceNote,
        },
      }),
    );
    needIds.set(n.key, result.id);
    await backdateNeed(result.id, when);
  }
  // Published requests join the needs they feed (before the merge, which carries them along).
  for (const r of DEMO_REQUESTS) {
    if (r.outcome.status !== "APPROVED" || !r.outcome.need) continue;
    const need = DEMO_NEEDS.find((n) => n.key === (r.outcome as { need: string }).need)!;
    const when = at(Math.max(-need.daysAgo, moderatedOn(r)) + 1, 12);
    ok(
      `collegamento ${r.key}`,
      await linkRequestToNeed({
        scope: facilitator.scope,
        actor: facilitator.actor(when),
        requestId: requestIds.get(r.key)!.id,
        needId: needIds.get(need.key)!,
      }),
    );
  }

  for (const n of DEMO_NEEDS) {
    const when = at(-n.daysAgo + 3, 15);
    if (n.outcome && "mergedInto" in n.outcome) {
      ok(
        `unione ${n.key}`,
        await mergeNeeds({
          scope: facilitator.scope,
          actor: facilitator.actor(when),
          targetId: needIds.get(n.outcome.mergedInto)!,
          mergedIds: [needIds.get(n.key)!],
        }),
      );
    }
    if (n.outcome && "discarded" in n.outcome) {
      ok(
        `scarto ${n.key}`,
        await discardNeed({
          scope: facilitator.scope,
          actor: facilitator.actor(when),
          id: needIds.get(n.key)!,
          reason: n.outcome.discarded,
        }),
      );
    }
  }

  // The figures the cycle's opening imported carry its day.
  await prisma.evidence.updateMany({
    where: { title: "Dati di Capacitas", answer: { assessment: { cycleId: created.id } } },
    data: { createdAt: opened },
  });

  const [byStatus, requestsByStatus, needsByStatus, evidence] = await Promise.all([
    prisma.assessment.groupBy({ by: ["status"], where: { cycleId: created.id }, _count: true }),
    prisma.citizenRequest.groupBy({ by: ["status"], _count: true }),
    prisma.need.groupBy({ by: ["status"], _count: true }),
    prisma.evidence.count(),
  ]);
  const list = (rows: { status: string; _count: number }[]) => rows.map((r) => `${r._count} ${r.status}`).join(", ");
  console.log(
    `Fase 2: rilevazione «${PHASE2_CYCLE_TITLE}» (${list(byStatus)}), ${evidence} evidenze, fabbisogni (${list(needsByStatus)}), richieste dei cittadini (${list(requestsByStatus)}), ${supports} «Anche per me»; in ${Math.round(performance.now() - started)} ms.`,
  );
  return { cycleId: created.id };
}
