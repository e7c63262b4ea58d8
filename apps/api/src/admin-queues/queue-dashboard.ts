import { Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Express } from 'express';
import { QueueConnections, QueueName } from '@excon/queue';

/** Where the queue dashboard (bull-board) is served, outside the /api prefix. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/** The cookie the console gets to open the dashboard in a browser tab (HttpOnly, SameSite=Strict, this path only). */
export const QUEUE_DASHBOARD_COOKIE = 'excon_queue_dashboard';

/** The cookie's life, at most (and never longer than the token it carries). */
export const QUEUE_DASHBOARD_COOKIE_SECONDS = 30 * 60;

/** The queues the dashboard shows: ExCon's timed events (the diagnostics queue belongs to the self-tests). */
const SHOWN = [QueueName.ExerciseEvents];

/**
 * bull-board over ExCon's queues, on whichever backend they live (Redis or BullMQ's PostgreSQL backend:
 * bull-board 9.10 reads both through the queue's own API). Built on first use, so that a process that
 * never opens it makes no extra queue connection. PostgreSQL holds the schedule and the queue is only a
 * timer (docs/engine.md), so what an admin does here (retry, remove, promote, clean) cannot fire an
 * inject twice or early: the processor re-checks the database and the reconciler re-queues what is lost.
 */
@Injectable()
export class QueueDashboard {
  private app: Express | null = null;

  constructor(private readonly queues: QueueConnections) {}

  /** The dashboard's Express app; it expects paths below QUEUE_DASHBOARD_PATH. */
  router(): Express {
    if (!this.app) {
      const server = new ExpressAdapter().setBasePath(QUEUE_DASHBOARD_PATH);
      createBullBoard({
        queues: SHOWN.map((name) => new BullMQAdapter(this.queues.inspectQueue(name))),
        serverAdapter: server,
        options: { uiConfig: { boardTitle: 'ExCon queues' } },
      });
      this.app = server.getRouter() as Express;
    }
    return this.app;
  }
}
