import type { INestApplication } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { AppConfig } from '@excon/config';
import { nameIn } from '@excon/domain';
import { CommandPost, DutyRosterEntry, DutyShift, Exercise, PlanActivity, PostGroup, Scenario, User } from '@excon/persistence';
import { CommandPostsService } from '../command-posts/command-posts.service';
import { ExercisesService } from '../exercises/exercises.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { PlanActivitiesService } from '../training-plan/plan-activities.service';
import { UsersService } from '../users/users.service';
import {
  DEMO_COMMAND_POSTS,
  DEMO_DUTY_SHIFTS,
  DEMO_PASSWORD,
  DEMO_POST_GROUPS,
  DEMO_STAFF,
  DEMO_WATCH_HOURS,
  DEMO_WATCHES,
  operatorUsername,
} from './demo-organisation';
import { demoConsultation, demoPlanActivities } from './demo-plan';
import { DEMO_SCENARIO } from './demo-scenario';

const DEMO_EXERCISE_TITLE = 'Демонстрационная тренировка / Demo run';

/**
 * Seeds the demo organisation, logins and scenario. Idempotent: what exists (by post code, username,
 * scenario title) is left alone. Returns the lines to print: where to go and how to log in.
 */
export async function seedDemo(app: INestApplication, url: string, config: AppConfig): Promise<string> {
  const orm = app.get(MikroORM);
  return RequestContext.create(orm.em, async () => {
    const em = orm.em;
    const posts = app.get(CommandPostsService);
    const users = app.get(UsersService);
    const scenarios = app.get(ScenariosService);
    const exercises = app.get(ExercisesService);
    const idByCode = new Map<string, string>();
    for (const post of DEMO_COMMAND_POSTS) {
      const existing = await em.findOne(CommandPost, { code: post.code });
      idByCode.set(post.code, existing ? existing.id : (await posts.create(post)).id);
    }
    for (const group of DEMO_POST_GROUPS) {
      if (await em.count(PostGroup, { code: group.code })) continue;
      const commandPostIds = group.postCodes.map((code) => idByCode.get(code) ?? '').filter(Boolean);
      await em.persistAndFlush(em.create(PostGroup, { code: group.code, names: group.names, commandPostIds }));
    }
    const logins: string[] = [];
    for (const staff of DEMO_STAFF) {
      if (!(await em.count(User, { username: staff.username }))) await users.create({ ...staff, password: DEMO_PASSWORD });
      logins.push(`  ${staff.role.padEnd(10)} ${staff.username}`);
    }
    for (const post of DEMO_COMMAND_POSTS) {
      const username = operatorUsername(post.code);
      if (!(await em.count(User, { username }))) {
        await users.create({
          username,
          password: DEMO_PASSWORD,
          role: 'operator',
          displayName: `Operator ${post.code}`,
          commandPostId: idByCode.get(post.code),
        });
      }
      logins.push(`  operator   ${username.padEnd(12)} (${nameIn(post.names, config.language)})`);
    }
    // The CRC's duty shifts A–D (the controller and the CRC post's operator in A) and a rotation of 12-hour
    // watches from a week ago to a week ahead, so the roster, the handovers and the report's shifts have data.
    if (!(await em.count(DutyShift, {}))) {
      const members = await em.find(User, { username: { $in: ['controller', operatorUsername('CRC-DUTY')] } });
      const shifts = DEMO_DUTY_SHIFTS.map((shift, i) =>
        em.create(DutyShift, { code: shift.code, names: shift.names, memberUserIds: i === 0 ? members.map((u) => u.id) : [] }),
      );
      const watchMs = DEMO_WATCH_HOURS * 3_600_000;
      const first = Math.floor(Date.now() / watchMs) * watchMs - (DEMO_WATCHES / 2) * watchMs;
      for (let i = 0; i < DEMO_WATCHES; i++) {
        em.create(DutyRosterEntry, {
          dutyShift: shifts[i % shifts.length],
          from: new Date(first + i * watchMs),
          to: new Date(first + (i + 1) * watchMs),
        });
      }
      await em.flush();
    }
    let scenario = await em.findOne(Scenario, { title: DEMO_SCENARIO.title });
    if (!scenario) {
      const created = await scenarios.create({
        ...DEMO_SCENARIO,
        injects: DEMO_SCENARIO.injects.map((inject) => ({
          ...inject,
          targets: inject.targets.map((code) => {
            const id = idByCode.get(code);
            if (!id) throw new Error(`demo scenario names unknown command post ${code}`);
            return id;
          }),
        })),
      });
      scenario = await em.findOneOrFail(Scenario, { id: created.id });
    }
    const controller = await em.findOneOrFail(User, { username: 'controller' });
    const actor = {
      id: controller.id,
      username: controller.username,
      role: controller.role,
      commandPostId: null,
      sessionId: 'demo-seed',
      mustChangePassword: false,
    };
    // A draft exercise of the scenario, ready for the controller to start.
    if (!(await em.count(Exercise, { scenario: scenario.id })))
      await exercises.create({ scenarioId: scenario.id, title: DEMO_EXERCISE_TITLE }, actor);
    // The training plan of next year and the consultation that organises it.
    if (!(await em.count(PlanActivity, {}))) {
      const plan = app.get(PlanActivitiesService);
      const exercise = await em.findOne(Exercise, { scenario: scenario.id });
      const now = new Date();
      await plan.create(demoConsultation(now), actor);
      for (const { memberStates, linksDemoExercise, ...activity } of demoPlanActivities(now)) {
        await plan.create(
          { ...activity, participants: { memberStates }, ...(linksDemoExercise && exercise ? { exerciseId: exercise.id } : {}) },
          actor,
        );
      }
    }
    return [
      '',
      `Demo exercise ready at ${url}`,
      `  scenario: "${DEMO_SCENARIO.title}" (${DEMO_SCENARIO.injects.length} injects)`,
      `  exercise: "${DEMO_EXERCISE_TITLE}" (draft: log in as the controller and start it)`,
      `  training plan of next year and its consultation: #/training-plan`,
      `Logins (password "${DEMO_PASSWORD}" for all but the admin):`,
      `  admin      ${config.adminUsername} (password from EXCON_ADMIN_PASSWORD, default "excon-admin")`,
      ...logins,
      '',
    ].join('\n');
  });
}
