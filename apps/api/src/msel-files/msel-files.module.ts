import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { CommandPost, ImportPreset } from '@excon/persistence';
import { AttachmentsModule } from '../attachments/attachments.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { ImportPresetsController } from './import-presets.controller';
import { ImportPresetsService } from './import-presets.service';
import { MselExportService } from './msel-export.service';
import { MselFilesController } from './msel-files.controller';
import { MselImportService } from './msel-import.service';

/** MSEL import and export (CONTRACT.md "MSEL import and export"); the file formats live in libs/msel-io. */
@Module({
  imports: [MikroOrmModule.forFeature([ImportPreset, CommandPost]), ScenariosModule, AttachmentsModule],
  controllers: [MselFilesController, ImportPresetsController],
  providers: [MselImportService, MselExportService, ImportPresetsService],
})
export class MselFilesModule {}
