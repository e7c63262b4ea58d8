import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard';
import { dashboardCookieAsBearer } from './queue-dashboard-cookie';
import { QueueDashboardController } from './queue-dashboard.controller';
import { QueueDashboardSessionController } from './queue-dashboard-session.controller';

/** The queue dashboard (bull-board) at /admin/queues, for admins, and the cookie the console opens it with. */
@Module({ controllers: [QueueDashboardController, QueueDashboardSessionController], providers: [QueueDashboard] })
export class AdminQueuesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(dashboardCookieAsBearer).forRoutes(QueueDashboardController);
  }
}
