import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { AuditEventView } from '../exercises/audit-event.view';
import { AuditTrailQueryDto } from './audit-trail-query.dto';
import { AuditTrailService } from './audit-trail.service';

/** Read-only: there is no route that changes or removes an entry, and the database refuses it too. */
@ApiTags('audit')
@ApiBearerAuth()
@ApiErrorResponses(401, 403, 500, 503)
@Controller('audit')
export class AuditTrailController {
  constructor(private readonly auditTrail: AuditTrailService) {}

  /** The installation's audit trail, newest first: admin and account actions, and every exercise's control actions. */
  @Get()
  @Roles('admin', 'reviewer')
  @ApiOkResponse({ type: [AuditEventView] })
  @ApiErrorResponses(400)
  list(@Query() query: AuditTrailQueryDto): Promise<AuditEventView[]> {
    return this.auditTrail.list(query);
  }
}
