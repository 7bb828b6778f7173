import { INestApplicationContext, LoggerService } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { Clock, SystemClock } from './core/clock/clock';
import type { AppConfig } from './core/config/config';
import { openDatabase } from './core/database/data-source';
import { IS_PUBLIC, POLICY, type PolicyRequirement } from './core/authz/decorators';
import { problemResponse } from './core/errors/api-problems';
import { bodyErrors } from './core/errors/body-errors';
import { ProblemDto } from './core/errors/problem.dto';
import { createValidationPipe } from './core/errors/validation';
import { createLogger } from './core/http/logger';
import { jsonOnly, requestLog } from './core/http/request-log.middleware';
import { VERSION } from './version';
import { answerClientErrors } from './core/http/client-errors';

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
  answerClientErrors(app.getHttpServer());
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

/** The session cookie as an OpenAPI security scheme. */
const SESSION_SCHEME = 'session';

export function buildOpenApi(app: INestApplicationContext & NestExpressApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('Värn API')
    .setDescription(
      'Internal risk register against undue influence and welfare crime. Authentication: the `varn_session` cookie set by POST /api/auth/login (httpOnly, SameSite=Strict). Errors: application/problem+json (RFC 9457) with a stable `code`.',
    )
    .setVersion(VERSION)
    .addServer('/', 'This Värn instance (the API lives under /api)')
    .addCookieAuth(
      'varn_session',
      { type: 'apiKey', in: 'cookie', description: 'Session cookie from POST /api/auth/login' },
      SESSION_SCHEME,
    )
    .build();
  doc.info.license = { name: 'Proprietary — internal use by the municipality' };
  const operationId = (controllerKey: string, methodKey: string) =>
    `${controllerKey.replace(/Controller$/, '')}_${methodKey}`;
  const document = SwaggerModule.createDocument(app, doc, {
    extraModels: [ProblemDto],
    operationIdFactory: operationId,
  });
  // Security and the 401/403 answers come from the same metadata the guard reads.
  const access = routeAccess(app, operationId);
  for (const item of Object.values(document.paths)) {
    for (const op of [item.get, item.post, item.put, item.patch, item.delete]) {
      if (!op) continue;
      const route = op.operationId ? access.get(op.operationId) : undefined;
      if (!route) throw new Error(`OpenAPI: no route metadata for operation ${op.operationId}`);
      if (route.isPublic) {
        op.security = [];
      } else {
        op.security = [{ [SESSION_SCHEME]: [] }];
        op.responses['401'] ??= problemResponse(401);
        // the ability to read and update oneself is never refused
        if (route.policy?.subject !== 'Me') op.responses['403'] ??= problemResponse(403);
      }
      op.responses = sortResponses(op.responses);
      // anything else (500 internal_error, 413/415 from the body parser) looks the same
      op.responses['default'] = {
        description: 'Any other error (application/problem+json with a stable `code`)',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } },
        },
      };
    }
  }
  return document;
}

/** @Public() and @CheckPolicy() of every controller method, by operation id. */
function routeAccess(
  app: INestApplicationContext,
  operationId: (controllerKey: string, methodKey: string) => string,
): Map<string, { isPublic: boolean; policy?: PolicyRequirement }> {
  const out = new Map<string, { isPublic: boolean; policy?: PolicyRequirement }>();
  const scanner = new MetadataScanner();
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | undefined;
      if (!type) continue;
      const proto = type.prototype as Record<string, (...args: unknown[]) => unknown>;
      for (const name of scanner.getAllMethodNames(proto)) {
        const handler = proto[name];
        const read = <T>(key: string) =>
          (Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, type)) as T | undefined;
        out.set(operationId(type.name, name), {
          isPublic: read<boolean>(IS_PUBLIC) === true,
          policy: read<PolicyRequirement>(POLICY),
        });
      }
    }
  }
  return out;
}

function sortResponses<T>(responses: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}
