import { Global, Module } from '@nestjs/common';
import { AuditTrailController } from './audit-trail.controller';
import { AuditTrailService } from './audit-trail.service';

/** The installation's audit trail: every feature appends its admin and account actions through AuditTrailService. */
@Global()
@Module({ controllers: [AuditTrailController], providers: [AuditTrailService], exports: [AuditTrailService] })
export class AuditTrailModule {}
