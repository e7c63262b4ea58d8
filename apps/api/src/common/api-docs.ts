import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** The OpenAPI document (JSON at /api/docs/json) and Swagger UI at /api/docs. */
export function installApiDocs(app: INestApplication): void {
  const openApi = new DocumentBuilder()
    .setTitle('ExCon API')
    .setDescription('Exercise control: organisation, scenarios (MSEL), exercises, deliveries and reports. Socket events: docs/socket-events.md.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'api/docs/json' });
}
