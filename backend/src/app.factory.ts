import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Clock, SystemClock } from './core/clock/clock';
import type { AppConfig } from './core/config/config';
import { openDatabase } from './core/database/data-source';
import { bodyErrors } from './core/errors/body-errors';
import { ProblemDto } from './core/errors/problem.dto';
import { createValidationPipe } from './core/errors/validation';
import { createLogger } from './core/http/logger';
import { jsonOnly, requestLog } from './core/http/request-log.middleware';
import { VERSION } from './version';

export interface CreateAppOptions {
  clock?: Clock;
  dataSource?: DataSource;
  logger?: LoggerService | false;
}

/** Builds the fully configured HTTP application (used by main, the CLI and the tests). */
export async function createApp(
  config: AppConfig,
  opts: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const dataSource = opts.dataSource ?? (await openDatabase(config.database));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, dataSource, opts.clock ?? new SystemClock()),
    { logger: opts.logger ?? createLogger(config), bodyParser: false, abortOnError: false },
  );
  app.set('trust proxy', config.http.trustProxy);
  app.disable('x-powered-by');
  app.setGlobalPrefix('api');
  // Order matters: id + log and security headers first, so that even requests refused by the
  // body parser (413, malformed JSON) are logged and carry the headers.
  app.use(requestLog);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // Angular and Material insert component styles at runtime
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use((_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => {
    res.setHeader(
      'Permissions-Policy',
      'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    );
    next();
  });
  // API answers carry personal data: never kept in the browser's cache, where the next person at
  // a shared computer (or anyone reading the disk) could find them after sign-out
  app.use(
    '/api',
    (_req: unknown, res: { setHeader(n: string, v: string): void }, next: () => void) => {
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
  );
  // JSON only (415 otherwise): a cross-site HTML form cannot send application/json, which
  // (with SameSite=Strict cookies) closes the CSRF door.
  app.use(jsonOnly);
  app.useBodyParser('json', { limit: config.http.bodyLimit });
  // body errors answered here as problem+json, before any later error handler sees them
  app.use(bodyErrors);
  app.use(cookieParser());
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();

  if (config.http.apiDocs) {
    SwaggerModule.setup('api/docs', app, buildOpenApi(app), {
      jsonDocumentUrl: 'api/openapi.json',
      yamlDocumentUrl: undefined,
      customSiteTitle: 'Värn API',
      swaggerOptions: { withCredentials: true },
    });
  }
  await app.init();
  return app;
}

export function buildOpenApi(app: INestApplicationContext & NestExpressApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Värn API')
    .setDescription(
      'Internal risk register against undue influence and welfare crime. Authentication: session cookie from POST /api/auth/login. Errors: application/problem+json with a stable `code`.',
    )
    .setVersion(VERSION)
    .addCookieAuth('varn_session')
    .build();
  const document = SwaggerModule.createDocument(app, doc, {
    extraModels: [ProblemDto],
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
  // every operation can fail the same way: document it once
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!op) continue;
      op.responses['default'] = {
        description: 'Error (application/problem+json with a stable `code`)',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      };
    }
  }
  return document;
}
