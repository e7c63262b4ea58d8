import { Module } from '@nestjs/common';
import { DutyMessagesController } from './duty-messages.controller';
import { DutyMessagesService } from './duty-messages.service';

/** Duty communications between the CRC shift and the posts during an exercise (issue 13, item 4). */
@Module({ controllers: [DutyMessagesController], providers: [DutyMessagesService], exports: [DutyMessagesService] })
export class DutyMessagesModule {}
