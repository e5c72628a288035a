import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  ActionItem, ActionItemKind, ActionItemStatus, ActionPlan, Assessment, AssessmentStatus, Evidence, MemberRole, type Organisation, Partner, PartnerType, type User,
} from '@waymark/db';
import { addDays, localDate } from '@waymark/domain';
import type { Config } from '@waymark/config';
import { RunningProcess, type TestDatabase, fixtures } from '@waymark/testing';

export const today = () => localDate(new Date(), 'Europe/London');

export interface SeededOrganisation {
  organisation: Organisation;
  /** Recipient user id -> the reminder ids their digest must carry. */
  expected: Map<string, Set<string>>;
  people: User[];
}

/**
 * An organisation with `owners` people who each own `itemsEach` live items due within the window,
 * a manager who hears about the unowned and organisation-wide ones (an overdue unowned item, a
 * partner review, expiring evidence, an assessment due, a cycle a year old), and rows that must
 * never be reminded of (done, dropped, carried forward, far in the future).
 */
export async function seedOrganisation(db: TestDatabase, options: { owners: number; itemsEach: number; tag?: string }): Promise<SeededOrganisation> {
  const tag = options.tag ?? randomUUID().slice(0, 8);
  const fx = fixtures(db.owner);
  const org = await fx.organisation({ name: `Reminders ${tag}` });
  const framework = await fx.framework();
  const manager = (await fx.member(org, MemberRole.MANAGER)).user;
  const owners: User[] = [];
  for (let i = 0; i < options.owners; i++) owners.push((await fx.member(org, MemberRole.ASSESSOR)).user);
  const em = db.owner.em.fork();
  const by = manager.id;
  const organisationId = org.id;
  const day = today();
  const expected = new Map<string, Set<string>>();
  const expect = (userId: string, id: string) => expected.set(userId, new Set([...(expected.get(userId) ?? []), id]));

  const old = em.create(Assessment, {
    organisationId, frameworkId: framework.id, cycle: `old-${tag}`, createdBy: by, status: AssessmentStatus.SUBMITTED,
    submittedAt: new Date(Date.now() - 400 * 86_400_000), createdAt: new Date(Date.now() - 420 * 86_400_000),
  });
  expect(manager.id, old.id);
  const plan = em.create(ActionPlan, { organisationId, assessmentId: old.id, generatedBy: by });
  let n = 0;
  const item = (extra: Partial<ActionItem>) =>
    em.create(ActionItem, {
      organisationId, planId: plan.id, assessmentId: old.id, itemKey: `action:${n++}`, kind: ActionItemKind.ACTION, nodeKey: '3.1.1', elementKey: '3.1',
      what: `Item ${n} <b>${tag}</b>`, why: 'gap', gap: {}, priority: n, priorityReason: 'r', target: 't', ...extra,
    });
  for (const owner of owners) {
    for (let i = 0; i < options.itemsEach; i++) {
      const it = item({ ownerUserId: owner.id, dueOn: addDays(day, i % 7), status: i % 2 ? ActionItemStatus.IN_PROGRESS : ActionItemStatus.OPEN });
      expect(owner.id, it.id);
    }
  }
  expect(manager.id, item({ nextReviewOn: addDays(day, -3) }).id); // overdue, unowned
  item({ ownerUserId: owners[0]?.id ?? null, dueOn: day, status: ActionItemStatus.DONE });
  item({ dueOn: day, status: ActionItemStatus.DROPPED });
  item({ dueOn: addDays(day, -1), status: ActionItemStatus.CARRIED_FORWARD });
  item({ dueOn: addDays(day, 60) });
  const partner = em.create(Partner, { organisationId, name: `Partner ${tag}`, partnerType: PartnerType.SCHOOL_OR_UNIVERSITY, createdBy: by, nextReviewOn: day });
  expect(manager.id, partner.id);
  em.create(Partner, { organisationId, name: `Later ${tag}`, partnerType: PartnerType.SCHOOL_OR_UNIVERSITY, createdBy: by, nextReviewOn: addDays(day, 90) });
  const evidence = em.create(Evidence, { organisationId, title: `Policy ${tag}`, evidenceDate: addDays(day, -300), expiresOn: addDays(day, 5), createdBy: by });
  expect(manager.id, evidence.id);
  await em.flush();
  return { organisation: org, expected, people: [manager, ...owners] };
}

/** The worker as its own process (node apps/worker/dist/main.js), for SIGKILL tests. */
export async function spawnWorker(cfg: Config, overrides: Record<string, string>, logFile: string): Promise<RunningProcess> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
  for (const [k, v] of Object.entries(cfg)) if (v !== undefined && typeof v !== 'object') env[k] = String(v);
  Object.assign(env, { NODE_ENV: 'test', WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'warn', ...overrides });
  return RunningProcess.start({ command: process.execPath, args: [path.join(__dirname, '../../dist/main.js')], env, logFile });
}
