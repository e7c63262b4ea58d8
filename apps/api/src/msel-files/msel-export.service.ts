import { Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { writeCsv, writeJson, writeXlsx, type PortableScenario } from '@excon/msel-io';
import { CommandPost, PostGroup } from '@excon/persistence';
import { ScenariosService } from '../scenarios/scenarios.service';
import type { MselExportFormat } from './msel-files-query.dto';

const CONTENT_TYPE: Record<MselExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** A file name that any browser saves: ASCII fallback, the title itself in RFC 5987's filename*. */
export function attachment(title: string, extension: string): string {
  const ascii = title
    .replace(/[^A-Za-z0-9 ._-]+/g, ' ')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  const fallback = /[A-Za-z0-9]/.test(ascii) ? ascii : 'msel';
  return `attachment; filename="${fallback}.${extension}"; filename*=UTF-8''${encodeURIComponent(`${title}.${extension}`)}`;
}

/**
 * A scenario as XLSX, CSV or ExCon JSON, targets named by post code so the file carries over to another installation:
 * an inject's post codes, then its post groups' codes (an import reads either from the same cell).
 */
@Injectable()
export class MselExportService {
  constructor(
    private readonly em: EntityManager,
    private readonly scenarios: ScenariosService,
  ) {}

  async export(scenarioId: string, format: MselExportFormat): Promise<StreamableFile> {
    const scenario = await this.scenarios.get(scenarioId);
    const posts = await this.em.find(
      CommandPost,
      { id: { $in: [...new Set(scenario.injects.flatMap((i) => i.targets))] } },
      { fields: ['id', 'code'] },
    );
    const groups = await this.em.find(
      PostGroup,
      { id: { $in: [...new Set(scenario.injects.flatMap((i) => i.targetGroups))] } },
      { fields: ['id', 'code'] },
    );
    const codeOf = new Map([...posts, ...groups].map((p) => [p.id, p.code]));
    const portable: PortableScenario = {
      title: scenario.title,
      description: scenario.description,
      language: scenario.language,
      objectives: scenario.objectives,
      injects: scenario.injects.map(({ id: _id, targets, targetGroups, ...inject }) => ({
        ...inject,
        targets: [...targets, ...targetGroups].map((id) => codeOf.get(id) ?? id),
      })),
    };
    const bytes = format === 'xlsx' ? await writeXlsx(portable) : format === 'csv' ? writeCsv(portable) : writeJson(portable);
    return new StreamableFile(bytes, { type: CONTENT_TYPE[format], length: bytes.length, disposition: attachment(scenario.title, format) });
  }
}
