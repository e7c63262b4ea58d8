import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, UploadedFile, UseInterceptors, type StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  type ApiBodyOptions,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { MSEL_FIELDS } from '@excon/domain';
import { MSEL_JSON_FORMAT, MSEL_JSON_SCHEMA_VERSION } from '@excon/msel-io';
import { ApiErrorResponses } from '../api-docs/api-error-responses';
import { Roles } from '../auth/access.decorators';
import { UuidPipe } from '../common/uuid.pipe';
import { ScenarioView } from '../scenarios/scenario.view';
import { ImportOptionsDto } from './import-options.dto';
import { ExportQueryDto, ImportQueryDto } from './msel-files-query.dto';
import { MselExportService } from './msel-export.service';
import { MselImportService, type UploadedMselFile } from './msel-import.service';
import { ImportInspectView, ImportPreviewView } from './msel-files.view';

/** The largest MSEL file accepted (a 10,000-inject XLSX is about 1 MB). */
export const MSEL_FILE_MAX_BYTES = 20 * 1024 * 1024;

const UPLOAD = FileInterceptor('file', { limits: { fileSize: MSEL_FILE_MAX_BYTES, files: 1, fields: 2, parts: 3 } });

const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: 'The MSEL: .xlsx, .csv (UTF-8 or Windows-1251; `,` `;` or TAB), ExCon .json, or an ExCon .zip package with files',
      },
      options: {
        type: 'string',
        description: `JSON of ImportOptionsDto: title, language, sheet, headerRow, mapping {field: header or column letter} (fields: ${MSEL_FIELDS.join(', ')}), startex, timeZone, preset, defaultTargets, scenarioId`,
      },
    },
  },
};

/** MSEL files: import from XLSX, CSV and JSON with a column mapping and a dry run; export to the same formats. */
@ApiTags('scenarios')
@ApiBearerAuth()
@ApiErrorResponses(401, [403, 'Operators never see the MSEL; only controllers and admins import it, staff export it'], 500, 503)
@ApiExtraModels(ImportOptionsDto)
@Controller('scenarios')
export class MselFilesController {
  constructor(
    private readonly imports: MselImportService,
    private readonly exports: MselExportService,
  ) {}

  /** What the file holds, for the mapping step: sheets, header row, each column with its first values and proposed field. */
  @Post('import/inspect')
  @HttpCode(200)
  @Roles('admin', 'controller')
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiOkResponse({ type: ImportInspectView })
  @ApiErrorResponses([400, 'No file, a file that is not a readable XLSX, CSV or JSON, or bad options'], 413, 415)
  inspect(@UploadedFile() file: UploadedMselFile | undefined, @Body('options') options: string | undefined): Promise<ImportInspectView> {
    return this.imports.inspect(file, options);
  }

  /**
   * Imports an MSEL as a new scenario (or, with `options.scenarioId`, as that scenario's next version). With
   * `dryRun=true`, answers 200 with the scenario it would create and writes nothing. Every bad cell is listed at once,
   * `field` naming it as the file shows it (`row 7, column C «Время»`); nothing is written when any fails.
   */
  @Post('import')
  @Roles('admin', 'controller')
  @UseInterceptors(UPLOAD)
  @ApiConsumes('multipart/form-data')
  @ApiBody(UPLOAD_BODY)
  @ApiCreatedResponse({ type: ScenarioView, description: 'Without dryRun: the scenario created (or its new version)' })
  @ApiOkResponse({ type: ImportPreviewView, description: 'With dryRun=true: what would be created' })
  @ApiErrorResponses([400, 'No file, an unreadable file, bad options, or bad cells (one detail per cell, with its row and column)'], 413, 415)
  async import(
    @UploadedFile() file: UploadedMselFile | undefined,
    @Body('options') options: string | undefined,
    @Query() query: ImportQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ScenarioView | ImportPreviewView> {
    if (!query.dryRun) return this.imports.commit(file, options);
    // Nothing is created: 200, not POST's 201.
    response.status(200);
    return this.imports.preview(file, options);
  }

  /**
   * The scenario as a file: XLSX (frozen header, both languages, objectives and scenario sheets), CSV, ExCon JSON, or a ZIP
   * package (msel.xlsx, msel.json and the injects' files, named in attachments.json) that imports back with its files.
   */
  @Get(':id/export')
  @Roles('admin', 'controller', 'evaluator', 'reviewer')
  @ApiOkResponse({
    description: 'The file, as an attachment named after the scenario',
    headers: {
      'Content-Disposition': { description: 'attachment; filename="<title>.<format>"; filename*=UTF-8\'\'<title>', schema: { type: 'string' } },
    },
    content: {
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      'application/zip': { schema: { type: 'string', format: 'binary', description: 'msel.xlsx, msel.json, attachments.json and files/' } },
      'text/csv': { schema: { type: 'string', description: 'UTF-8 with a byte order mark, one row per inject under ExCon’s bilingual headers' } },
      'application/json': {
        schema: {
          type: 'object',
          description: 'ExCon JSON; an import of an older schemaVersion is migrated, a newer one refused',
          properties: {
            format: { type: 'string', enum: [MSEL_JSON_FORMAT] },
            schemaVersion: { type: 'integer', example: MSEL_JSON_SCHEMA_VERSION },
            exportedAt: { type: 'string', format: 'date-time' },
            scenario: {
              type: 'object',
              description: 'title, description, language, objectives and injects (targets as post codes)',
              additionalProperties: true,
            },
          },
        },
      },
    },
  })
  @ApiErrorResponses([400, 'A bad id, or a format other than xlsx, csv, json or zip'], 404)
  export(@Param('id', UuidPipe) id: string, @Query() query: ExportQueryDto): Promise<StreamableFile> {
    return this.exports.export(id, query.format ?? 'xlsx');
  }
}
