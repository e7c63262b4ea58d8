import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { apiError } from './http-exception.filter';

/** The AsyncAPI 3 document of the socket events, beside the OpenAPI one. */
export const ASYNCAPI_PATH = '/api/docs/asyncapi.json';

/** Where `npm run build` writes it (scripts/generate-asyncapi.ts), relative to the project root. */
export const ASYNCAPI_FILE = join('dist', 'asyncapi.json');

/** The built AsyncAPI document, found from this file in the source tree and in dist/ alike. */
export function findAsyncApiFile(from = __dirname): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, ASYNCAPI_FILE);
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The OpenAPI document (JSON at /api/docs/json), Swagger UI at /api/docs, and the AsyncAPI document of the
 * /console socket events at /api/docs/asyncapi.json: the file the build generated from
 * libs/contracts/src/socket-events.ts, read once at start-up (a 404 naming the fix when it was not built).
 */
export function installApiDocs(app: INestApplication): void {
  const openApi = new DocumentBuilder()
    .setTitle('ExCon API')
    .setDescription(
      'Exercise control: organisation, scenarios (MSEL), exercises, deliveries and reports. Every error answer has the ApiError body. ' +
        `The socket.io events of the /console namespace are described by the AsyncAPI 3 document at [${ASYNCAPI_PATH}](${ASYNCAPI_PATH}).`,
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/json' });

  const file = findAsyncApiFile();
  const asyncApi = file === null ? null : readFileSync(file, 'utf8');
  const http = app.getHttpAdapter().getInstance() as Express;
  http.get(ASYNCAPI_PATH, (_req, res) => {
    if (asyncApi === null) {
      res.status(404).json(apiError(404, `The AsyncAPI document was not built (${ASYNCAPI_FILE}): run npm run build`));
      return;
    }
    res.type('application/json').send(asyncApi);
  });
}
