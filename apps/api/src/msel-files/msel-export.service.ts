import { Injectable, StreamableFile } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import type { InjectView } from '@excon/contracts';
import { writeCsv, writeJson, writeXlsx, type PortableScenario } from '@excon/msel-io';
import { CommandPost, PostGroup } from '@excon/persistence';
import { AttachmentsService } from '../attachments/attachments.service';
import { ScenariosService } from '../scenarios/scenarios.service';
import { writePackage } from './msel-package';
import type { MselExportFormat } from './msel-files-query.dto';

const CONTENT_TYPE: Record<MselExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  zip: 'application/zip',
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
    private readonly attachments: AttachmentsService,
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
    const bytes =
      format === 'xlsx'
        ? await writeXlsx(portable)
        : format === 'csv'
          ? writeCsv(portable)
          : format === 'json'
            ? writeJson(portable)
            : await this.package(scenario.id, scenario.injects, portable);
    return new StreamableFile(bytes, { type: CONTENT_TYPE[format], length: bytes.length, disposition: attachment(scenario.title, format) });
  }

  /** The MSEL as XLSX and JSON with every inject's files, which an import of the .zip puts back. */
  private async package(scenarioId: string, injects: InjectView[], portable: PortableScenario): Promise<Buffer> {
    const byId = new Map(injects.map((i) => [i.id, i]));
    const files = (await this.attachments.filesOfScenario(scenarioId)).map((file) => {
      const inject = byId.get(file.injectId) as InjectView;
      return { ref: inject.ref, name: file.name, bytes: file.bytes, logo: inject.media?.outletLogoAttachmentId === file.id };
    });
    return writePackage(await writeXlsx(portable), writeJson(portable), files);
  }
}
