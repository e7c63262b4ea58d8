import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DutyHandover, DutyRosterEntry, DutyShift, User } from '@excon/persistence';
import { DutyHandoversController } from './duty-handovers.controller';
import { DutyHandoversService } from './duty-handovers.service';
import { DutyRosterController } from './duty-roster.controller';
import { DutyRosterService } from './duty-roster.service';
import { DutyShiftsController } from './duty-shifts.controller';

/** The CRC duty-shift roster: shifts, their rotation calendar and handovers (issue 12, item 6). */
@Module({
  imports: [MikroOrmModule.forFeature([DutyShift, DutyRosterEntry, DutyHandover, User])],
  controllers: [DutyShiftsController, DutyRosterController, DutyHandoversController],
  providers: [DutyRosterService, DutyHandoversService],
})
export class DutyModule {}
