import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { CurrentActor, type Actor } from '../auth/actor';
import { UuidPipe } from '../common/uuid.pipe';
import { SaveImportPresetDto } from './import-preset.dto';
import { ImportPresetsService } from './import-presets.service';
import { ImportPresetView } from './msel-files.view';

/** Saved MSEL import mappings, reused by name (`options.preset`). */
@ApiTags('scenarios')
@ApiBearerAuth()
@ApiErrorResponses(401, [403, 'Only controllers and admins import MSELs'], 500, 503)
@Controller('import-presets')
@Roles('admin', 'controller')
export class ImportPresetsController {
  constructor(private readonly presets: ImportPresetsService) {}

  /** Every preset, by name. */
  @Get()
  @ApiOkResponse({ type: [ImportPresetView] })
  list(): Promise<ImportPresetView[]> {
    return this.presets.list();
  }

  /** Saves a preset; one of the same name is replaced. */
  @Post()
  @ApiCreatedResponse({ type: ImportPresetView })
  @ApiErrorResponses(400, 413, 415)
  save(@Body() dto: SaveImportPresetDto, @CurrentActor() actor: Actor): Promise<ImportPresetView> {
    return this.presets.save(dto, actor.id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrorResponses(400, 404)
  remove(@Param('id', UuidPipe) id: string): Promise<void> {
    return this.presets.remove(id);
  }
}
